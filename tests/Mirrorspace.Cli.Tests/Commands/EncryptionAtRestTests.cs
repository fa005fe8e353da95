using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary>The node's storage seen from outside: what lands on disk, and what happens without the right master key.</summary>
public sealed class EncryptionAtRestTests
{
    [Fact]
    public async Task Serve_CanariesWrittenThroughTheApiAndMqtt_NoneFoundOnDisk()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        var canaries = Enumerable.Range(0, 5).Select(i => $"CANARY{i}{Guid.NewGuid():N}").ToArray();
        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            var started = await node.ReadJsonLineAsync();
            using var http = NodeApi.Client(started, key);
            var model = $$"""
                {"id":"canary-model","version":1,"displayName":"{{canaries[0]}}",
                 "properties":[{"name":"note","type":"string","writable":true},{"name":"owner","type":"string","classification":"personal"}]}
                """;
            await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/canary-model", model);
            await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/twins/canary-twin", """{"model":"canary-model"}""");
            await NodeApi.SendAsync(http, HttpMethod.Patch, "/api/v1/twins/canary-twin/reported", $$"""{"note":"{{canaries[1]}}","owner":"{{canaries[2]}}"}""");
            await NodeApi.SendAsync(http, HttpMethod.Patch, "/api/v1/twins/canary-twin/desired", $$"""{"note":"{{canaries[3]}}"}""");
            using (var device = await Mqtt.MqttDevice.RegisterAndConnectAsync(http, started, dir.Data, "canary-twin", TestContext.Current.CancellationToken))
            {
                Assert.True(await device.ReportAsync($$"""{"note":"{{canaries[4]}}"}""", TestContext.Current.CancellationToken));
            }

            await node.SignalAndWaitAsync("TERM");
        }

        var found = ScanForCanaries(dir.Data, canaries);

        Assert.Empty(found);
    }

    [Fact]
    public async Task Serve_MasterKeyFileMissing_RefusesToStartWithOneLine()
    {
        using var dir = new TempDirectory();
        await NodeApi.InitAsync(dir);
        File.Delete(Path.Combine(dir.Data, "master.key"));

        var (exitCode, output, error) = await CliProcess.RunAsync("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");

        Assert.Equal(7, exitCode);
        Assert.Empty(output);
        Assert.Contains("master key", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Serve_WrongMasterKey_RefusesToStartAndLeavesDataReadableWithTheRightKey()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        var keyFile = Path.Combine(dir.Data, "master.key");
        var rightKey = await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await CliProcess.RunAsync("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");

        Assert.Equal(7, exitCode);
        Assert.Contains("master key", error, StringComparison.OrdinalIgnoreCase);
        await File.WriteAllTextAsync(keyFile, rightKey, TestContext.Current.CancellationToken);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        using var http = await NodeApi.ConnectAsync(node, key);
        using var response = await http.GetAsync(new Uri("/api/v1/twins", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    /// <summary>Every byte of every file under the data directory (database, WAL, shared memory, settings).</summary>
    private static List<string> ScanForCanaries(string directory, IEnumerable<string> canaries)
    {
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(files);
        return [.. canaries.Where(c => files.Any(bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(c)) >= 0))];
    }
}
