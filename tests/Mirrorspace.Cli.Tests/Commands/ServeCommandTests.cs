using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary>Drives the real <c>serve</c> process over HTTP, stops it (gracefully or by a crash) and starts it again.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task Serve_Restarted_KeepsTwinsAndHistory(string signal)
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        JsonObject twinBefore;
        JsonObject historyBefore;
        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            using var http = await NodeApi.ConnectAsync(node, key);
            await SeedAsync(http);
            twinBefore = await GetJsonAsync(http, "/api/v1/twins/pump-1");
            historyBefore = await GetJsonAsync(http, "/api/v1/twins/pump-1/history");
            await node.SignalAndWaitAsync(signal);
        }

        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            using var http = await NodeApi.ConnectAsync(node, key);
            var twinAfter = await GetJsonAsync(http, "/api/v1/twins/pump-1");
            twinBefore = WithoutElapsedTime(twinBefore);
            twinAfter = WithoutElapsedTime(twinAfter);
            ForgiveStaleness(twinBefore, twinAfter);
            var historyAfter = await GetJsonAsync(http, "/api/v1/twins/pump-1/history");

            Assert.True(JsonNode.DeepEquals(twinBefore, twinAfter), $"before: {twinBefore}\nafter: {twinAfter}");
            Assert.True(JsonNode.DeepEquals(historyBefore, historyAfter), $"before: {historyBefore}\nafter: {historyAfter}");
            Assert.Equal(13, twinAfter["version"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Serve_NotInitialized_FailsWithOneLine()
    {
        using var dir = new TempDirectory();

        var (exitCode, _, error) = await CliProcess.RunAsync("serve", "--data", dir.Data);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("not initialized", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_InvalidSettings_ListsEveryError()
    {
        using var dir = new TempDirectory();
        await NodeApi.InitAsync(dir);
        await File.WriteAllTextAsync(
            Path.Combine(dir.Data, "appsettings.json"),
            """{ "Mirrorspace": { "HttpAddress": "not a url", "MaxRequestBodyBytes": 5 } }""",
            TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await CliProcess.RunAsync("serve", "--data", dir.Data);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("HttpAddress", error, StringComparison.Ordinal);
        Assert.Contains("MaxRequestBodyBytes", error, StringComparison.Ordinal);
    }

    /// <summary>13 changes on pump-1: created, 10 reported, 1 desired, 1 relationship.</summary>
    private static async Task SeedAsync(HttpClient http)
    {
        var model = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "models", "centrifugal-pump.json"));
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/centrifugal-pump", model);
        var reservoir = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "models", "reservoir-level-sensor.yaml"));
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/reservoir-level-sensor", reservoir, "application/yaml");
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/twins/pump-1", """{"model":"centrifugal-pump"}""");
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/twins/reservoir-1", """{"model":"reservoir-level-sensor"}""");
        for (var i = 0; i < 10; i++)
        {
            await NodeApi.SendAsync(http, HttpMethod.Patch, "/api/v1/twins/pump-1/reported", $$"""{"speed":{{1000 + (i * 10)}},"vibration":2.5}""", "application/merge-patch+json");
        }

        await NodeApi.SendAsync(http, HttpMethod.Patch, "/api/v1/twins/pump-1/desired", """{"speed":1500}""", "application/merge-patch+json");
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/twins/pump-1/relationships/feeds/reservoir-1", string.Empty);
    }

    /// <summary>The twin without how long its desired speed has been pending: that grows with the wall clock, restart or not.</summary>
    private static JsonObject WithoutElapsedTime(JsonObject twin)
    {
        var copy = twin.DeepClone().AsObject();
        copy["convergence"]?.AsObject().Remove("pendingSeconds");
        return copy;
    }

    /// <summary>
    /// A value's staleness is read against the clock, not stored: a restart slower than the model's
    /// <c>staleAfter</c> (10 s, easily passed on a busy two-core machine) marks the values stale, which says
    /// nothing about what the node kept. Such a property's quality is left out of the comparison.
    /// </summary>
    private static void ForgiveStaleness(JsonObject before, JsonObject after)
    {
        if (after["metadata"]?["reported"] is not JsonObject reported)
        {
            return;
        }

        foreach (var (name, metadata) in reported.ToList())
        {
            if (metadata?["quality"]?.GetValue<string>() == "stale")
            {
                metadata.AsObject().Remove("quality");
                (before["metadata"]?["reported"]?[name] as JsonObject)?.Remove("quality");
            }
        }
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonObject>(path))!;
}
