using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary><c>device add --signing</c> and <c>device signing</c> against a running node: the HS256 key is shown once, a public key is read from its file.</summary>
public sealed class DeviceSigningCommandTests
{
    [Fact]
    public async Task AddWithHs256_ThenEs256_ThenOff_ChangesThePolicyEachTime()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        using var http = await NodeApi.ConnectAsync(node, key);
        var url = http.BaseAddress!.ToString();
        var env = new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = key };
        var model = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "models", "centrifugal-pump.json"), TestContext.Current.CancellationToken);
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/centrifugal-pump", model);
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/twins/pump-1", """{"model":"centrifugal-pump"}""");
        var publicKey = Path.Combine(dir.Path, "device.pem");
        using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(publicKey, ecdsa.ExportSubjectPublicKeyInfoPem() + "\n", TestContext.Current.CancellationToken);
        }

        var added = await CliProcess.RunAsync(env, "device", "add", "--twin", "pump-1", "--signing", "HS256", "--url", url);
        var deviceId = DeviceIdOf(added.Output);
        var es256 = await CliProcess.RunAsync(env, "device", "signing", deviceId, "--algorithm", "ES256", "--public-key", publicKey, "--url", url, "--json");
        var off = await CliProcess.RunAsync(env, "device", "signing", deviceId, "--off", "--url", url, "--json");

        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Contains(added.Output, line => line.StartsWith("HS256 key: ", StringComparison.Ordinal) && line.Length > "HS256 key: ".Length + 40);
        Assert.True(es256.ExitCode == 0, es256.Error);
        var changed = JsonNode.Parse(Assert.Single(es256.Output))!;
        Assert.Equal("ES256", changed["device"]!["signing"]!.GetValue<string>());
        Assert.Null(changed["signingKey"]);
        Assert.True(off.ExitCode == 0, off.Error);
        Assert.Null(JsonNode.Parse(Assert.Single(off.Output))!["device"]!["signing"]);
        Assert.Null((await NodeApi.GetJsonAsync(http, $"/api/v1/devices/{deviceId}"))["signing"]);
    }

    [Theory]
    [InlineData("device", "signing", "dev-0000000000000000")]
    [InlineData("device", "signing", "dev-0000000000000000", "--algorithm", "HS256", "--off")]
    [InlineData("device", "add", "--twin", "pump-1", "--public-key", "device.pem")]
    public async Task ContradictoryOrMissingOptions_FailWithOneLineBeforeAnyRequest(params string[] args)
    {
        // No node at this address: the command must refuse before it tries to reach one.
        var (exitCode, output, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = "msk_unused" }, [.. args, "--url", "http://127.0.0.1:9"]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string DeviceIdOf(List<string> output)
    {
        var line = Assert.Single(output, l => l.StartsWith("Device:", StringComparison.Ordinal));
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    }
}
