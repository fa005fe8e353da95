using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary>Drives <c>simulate</c> against a real node: devices over MQTT and TLS, checked through the node's HTTP API.</summary>
public sealed class SimulateCommandTests
{
    private static readonly string[] TwinIds = ["sim-1", "sim-2", "sim-3"];

    [Fact]
    public async Task Simulate_ThreeDevices_ReportFollowDesiredStateAndCountEveryReading()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        var started = await node.ReadJsonLineAsync();
        using var http = Client(started, key);

        // sim-1 exists with a set point before its device does: the device must take it from the desired topic.
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/centrifugal-pump", await SampleModelAsync());
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/twins/sim-1", """{"model":"centrifugal-pump"}""");
        await NodeApi.SendAsync(http, HttpMethod.Patch, "/api/v1/twins/sim-1/desired", """{"speed":1500}""");
        Assert.Equal("pending", (await TwinAsync(http, "sim-1"))["convergence"]!["status"]!.GetValue<string>());

        var (exitCode, output, error) = await SimulateAsync(started, key, started["caFile"]!.GetValue<string>(), "--duration", "5s", "--json");

        Assert.True(exitCode == 0, error);
        var summary = JsonNode.Parse(output[^1])!["summary"]!;
        var twins = await Task.WhenAll(TwinIds.Select(id => TwinAsync(http, id)));
        Assert.All(twins, twin =>
        {
            Assert.Superset(new HashSet<string> { "temperature", "vibration", "speed", "power", "bearingWear" }, twin["reported"]!.AsObject().Select(p => p.Key).ToHashSet());
            Assert.StartsWith("mqtt:dev-", twin["metadata"]!["reported"]!["temperature"]!["source"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.Equal(1500, twins[0]["reported"]!["speed"]!.GetValue<double>());
        Assert.Equal("converged", twins[0]["convergence"]!["status"]!.GetValue<string>());

        var acknowledged = summary["acknowledged"]!.GetValue<long>();
        Assert.Equal(3, summary["devices"]!.GetValue<int>());
        Assert.True(acknowledged >= 3, $"only {acknowledged} readings acknowledged");
        Assert.Equal(summary["published"]!.GetValue<long>(), acknowledged);
        Assert.Empty(summary["refused"]!.AsObject());
        Assert.Equal((0, 0), (summary["throttled"]!.GetValue<long>(), summary["lost"]!.GetValue<long>()));
        Assert.Equal(3, summary["desiredReceived"]!.GetValue<long>());

        // Every change is one version of a twin: 3 creations, sim-1's set point, and each acknowledged reading, no more and no less.
        Assert.Equal(3 + 1 + acknowledged, twins.Sum(t => t["version"]!.GetValue<long>()));

        // The run's device identities are gone with the run: their secrets lived only in the simulator.
        Assert.Empty((await http.GetFromJsonAsync<JsonObject>("/api/v1/devices", TestContext.Current.CancellationToken))!["items"]!.AsArray());
    }

    [Fact]
    public async Task Simulate_NodeCertificateNotFromTheGivenCa_RefusesToConnect()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        var started = await node.ReadJsonLineAsync();
        using var http = Client(started, key);
        var foreignCa = Path.Combine(dir.Path, "other-ca.pem");
        await File.WriteAllTextAsync(foreignCa, OtherCaPem(), TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await SimulateAsync(started, key, foreignCa, "--duration", "5s", "--json");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("cannot connect", error, StringComparison.Ordinal);
        Assert.Empty((await http.GetFromJsonAsync<JsonObject>("/api/v1/devices", TestContext.Current.CancellationToken))!["items"]!.AsArray());
    }

    [Fact]
    public async Task Simulate_UnknownApiKey_FailsWithOneErrorLine()
    {
        using var dir = new TempDirectory();
        await NodeApi.InitAsync(dir);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        var started = await node.ReadJsonLineAsync();

        var (exitCode, output, error) = await SimulateAsync(started, "msk_0000000000000000_not-a-real-key", started["caFile"]!.GetValue<string>(), "--duration", "5s");

        Assert.Equal(9, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: 401", line, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, List<string> Output, string Error)> SimulateAsync(JsonObject node, string key, string caFile, params string[] more) =>
        CliProcess.RunAsync([
            "simulate", "--devices", "3", "--rate", "2",
            "--url", node["url"]!.GetValue<string>(), "--api-key", key, "--mqtt", node["mqtt"]!.GetValue<string>(), "--cafile", caFile,
            .. more,
        ]);

    private static HttpClient Client(JsonObject node, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(node["url"]!.GetValue<string>()) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return http;
    }

    private static async Task<JsonObject> TwinAsync(HttpClient http, string twinId) =>
        (await http.GetFromJsonAsync<JsonObject>($"/api/v1/twins/{twinId}", TestContext.Current.CancellationToken))!;

    private static Task<string> SampleModelAsync() =>
        File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "models", "centrifugal-pump.json"), TestContext.Current.CancellationToken);

    private static string OtherCaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Not the node's CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = TimeProvider.System.GetUtcNow();
        using var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return ca.ExportCertificatePem();
    }
}
