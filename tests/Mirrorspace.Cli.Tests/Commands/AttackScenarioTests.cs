using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary><c>simulate --scenario attacks</c> against a real node: every attack class injected, and what the node caught.</summary>
public sealed class AttackScenarioTests
{
    private static readonly string[] Classes = ["spoof", "replay", "bounds", "flood", "stale", "spike", "drift", "stuck", "inconsistent"];
    private static readonly string[] HardChecks = ["spoof", "replay", "bounds", "flood", "stale"];

    [Fact]
    public async Task SimulateAttacks_SmallRun_InjectsEveryClassAndCatchesEveryHardCheckWithoutFalseAlarms()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        var started = await node.ReadJsonLineAsync();
        using var http = NodeApi.Client(started, key);
        var reportPath = Path.Combine(dir.Path, "report.json");

        // Too short a warm-up for the drift check to learn: the run cannot meet every goal, which --require-goals must say.
        var (exitCode, output, error) = await CliProcess.RunAsync(
            TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = key },
            "simulate", "--scenario", "attacks", "--devices", "4", "--duration", "20s", "--warm-up", "60", "--seed", "11",
            "--url", started["url"]!.GetValue<string>(), "--mqtt", started["mqtt"]!.GetValue<string>(), "--cafile", started["caFile"]!.GetValue<string>(),
            "--report", reportPath, "--require-goals");

        Assert.True(exitCode == 10, $"exit code {exitCode}: {error}");
        Assert.Contains(output, line => line.Contains("Detection report", StringComparison.Ordinal));
        var report = JsonNode.Parse(await File.ReadAllTextAsync(reportPath, TestContext.Current.CancellationToken))!;
        Assert.True(report["run"]!["signalsFeed"]!.GetValue<bool>(), "the node's signals feed was not readable");
        Assert.False(report["goalsMet"]!.GetValue<bool>());
        var classes = report["classes"]!.AsArray().ToDictionary(c => c!["class"]!.GetValue<string>(), c => c!);
        Assert.Equal(Classes, classes.Keys);
        Assert.All(classes.Values, c => Assert.True(c["injections"]!.GetValue<int>() > 0, $"{c["class"]} was not injected"));
        Assert.All(HardChecks.Select(name => classes[name]), c =>
        {
            Assert.True(c["detected"]!.GetValue<int>() == c["injections"]!.GetValue<int>(), $"{c["class"]}: {c.ToJsonString()}");
            Assert.True(c["falseAlarms"]!.GetValue<long>() == 0, $"{c["class"]}: {c.ToJsonString()}");
        });
        Assert.Equal(0, classes["drift"]["detected"]!.GetValue<int>());

        // The run's devices are gone with it; its twins stay for a look at their signals.
        Assert.Empty((await http.GetFromJsonAsync<JsonObject>("/api/v1/devices", TestContext.Current.CancellationToken))!["items"]!.AsArray());
        Assert.Equal(4, (await http.GetFromJsonAsync<JsonObject>("/api/v1/twins", TestContext.Current.CancellationToken))!["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("--rate", "16", "--rate must be above 0 and at most 15")]
    [InlineData("--duration", "30s", "too little after the warm-up")]
    [InlineData("--model", "centrifugal-pump", "--model does not apply")]
    public async Task SimulateAttacks_SettingsThatCannotMakeTheRun_FailBeforeTouchingTheNode(string option, string value, string expected)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = "msk_0000000000000000_unused" },
            "simulate", "--scenario", "attacks", "--url", "http://127.0.0.1:9", option, value);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
