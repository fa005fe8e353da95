using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_Started_SeedsCityWaterAndPrintsAWorkingKey()
    {
        using var dir = new TempDirectory();
        await using var node = CliProcess.Start("demo", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        var started = await node.ReadJsonLineAsync();
        using var http = new HttpClient { BaseAddress = new Uri(started["url"]!.GetValue<string>()) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", started["apiKey"]!.GetValue<string>());

        var graph = (await http.GetFromJsonAsync<JsonObject>("/api/v1/twins/station-north/graph?depth=2", TestContext.Current.CancellationToken))!;

        Assert.Equal("city-water", started["tenant"]!.GetValue<string>());
        var nodes = graph["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "station-north", "pump-1", "pump-2", "pump-3", "reservoir-1" }, nodes);
        Assert.Equal(0, await node.SignalAndWaitAsync("TERM"));
    }

    [Fact]
    public async Task Demo_DesiredSpeedSet_PumpsDeviceReportsOverMqttAndConverges()
    {
        using var dir = new TempDirectory();
        await using var node = CliProcess.Start("demo", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        var started = await node.ReadJsonLineAsync();
        using var http = new HttpClient { BaseAddress = new Uri(started["url"]!.GetValue<string>()) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", started["apiKey"]!.GetValue<string>());
        Assert.Equal(5, started["simulatedDevices"]!.GetValue<int>());

        await Eventually.HoldsAsync(
            async () => (await PumpAsync(http))["metadata"]!["reported"]!["temperature"]!["source"]!.GetValue<string>().StartsWith("mqtt:dev-", StringComparison.Ordinal),
            "pump-2's device reports its temperature over MQTT");
        await NodeApi.SendAsync(http, HttpMethod.Patch, "/api/v1/twins/pump-2/desired", """{"speed":1000}""");
        await Eventually.HoldsAsync(
            async () => (await PumpAsync(http))["convergence"]!["status"]!.GetValue<string>() == "converged",
            "pump-2 converges on the desired speed of 1000 rpm");

        Assert.Equal(1000, (await PumpAsync(http))["reported"]!["speed"]!.GetValue<double>());
        Assert.Equal(0, await node.SignalAndWaitAsync("TERM"));
    }

    private static async Task<JsonObject> PumpAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonObject>("/api/v1/twins/pump-2", TestContext.Current.CancellationToken))!;
}
