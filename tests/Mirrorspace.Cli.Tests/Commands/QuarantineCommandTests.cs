using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary><c>quarantine list|show|release</c> and <c>signals</c> against a running node, with the key in the environment.</summary>
public sealed class QuarantineCommandTests
{
    [Fact]
    public async Task ListShowRelease_AHeldReading_AppliesItOnceAndShowsItsSignal()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        using var http = await NodeApi.ConnectAsync(node, key);
        var url = http.BaseAddress!.ToString();
        var env = new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = key };
        await CreatePumpAsync(http);
        var added = await CliProcess.RunAsync(env, "device", "add", "--twin", "pump-1", "--url", url, "--json");
        Assert.True(added.ExitCode == 0, added.Error);
        var id = await ReportHeldAsync(url, JsonNode.Parse(Assert.Single(added.Output))!["secret"]!.GetValue<string>());

        var listed = await CliProcess.RunAsync(env, "quarantine", "list", "--state", "held", "--url", url, "--json");
        var table = await CliProcess.RunAsync(env, "quarantine", "list", "--twin", "pump-1", "--url", url);
        var shown = await CliProcess.RunAsync(env, "quarantine", "show", id, "--url", url);
        var released = await CliProcess.RunAsync(env, "quarantine", "release", id, "--url", url);
        var again = await CliProcess.RunAsync(env, "quarantine", "release", id, "--url", url);
        var signals = await CliProcess.RunAsync(env, "signals", "pump-1", "--url", url, "--json");

        Assert.True(listed.ExitCode == 0, listed.Error);
        var entry = JsonNode.Parse(Assert.Single(listed.Output))!;
        Assert.Equal((id, "held"), (entry["id"]!.GetValue<string>(), entry["state"]!.GetValue<string>()));
        Assert.Contains(table.Output, line => line.Contains(id, StringComparison.Ordinal) && line.Contains("speed: out-of-bounds", StringComparison.Ordinal));
        Assert.Contains(shown.Output, line => line.Contains("""{"speed":99999}""", StringComparison.Ordinal));
        Assert.Contains(shown.Output, line => line.Contains("out-of-bounds", StringComparison.Ordinal) && line.Contains("3600", StringComparison.Ordinal));
        Assert.True(released.ExitCode == 0, released.Error);
        Assert.Contains($"{id} released", Assert.Single(released.Output), StringComparison.Ordinal);
        Assert.Equal(99999, (await NodeApi.GetJsonAsync(http, "/api/v1/twins/pump-1"))["reported"]!["speed"]!.GetValue<int>());
        Assert.Equal(9, again.ExitCode);
        Assert.Contains("409", OneLine(again.Error), StringComparison.Ordinal);
        Assert.True(signals.ExitCode == 0, signals.Error);
        var signal = Assert.Single(JsonNode.Parse(Assert.Single(signals.Output))!["items"]!.AsArray())!;
        Assert.Equal(("out-of-bounds", "speed"), (signal["kind"]!.GetValue<string>(), signal["property"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("show")]
    [InlineData("release")]
    [InlineData("discard")]
    public async Task UnknownId_FailsWithOneLineOnStandardError(string verb)
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        using var http = await NodeApi.ConnectAsync(node, key);

        var (exitCode, output, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = key }, "quarantine", verb, "q-0000000000000000", "--url", http.BaseAddress!.ToString());

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.Contains("404", OneLine(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithoutApiKey_FailsWithOneLine()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = string.Empty }, "quarantine", "list", "--url", "http://127.0.0.1:9");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("MIRRORSPACE_API_KEY", OneLine(error), StringComparison.Ordinal);
    }

    private static async Task CreatePumpAsync(HttpClient http)
    {
        var model = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "models", "centrifugal-pump.json"), TestContext.Current.CancellationToken);
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/centrifugal-pump", model);
        await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/twins/pump-1", """{"model":"centrifugal-pump"}""");
    }

    /// <summary>The device reports a speed beyond the pump's 3600 rpm over HTTP with its secret; returns the held part's id.</summary>
    private static async Task<string> ReportHeldAsync(string url, string secret)
    {
        using var device = new HttpClient { BaseAddress = new Uri(url) };
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var content = new StringContent("""{"speed":99999,"vibration":1}""", Encoding.UTF8, "application/merge-patch+json");
        using var response = await device.PatchAsync(new Uri("/api/v1/twins/pump-1/reported", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["quarantineId"]!.GetValue<string>();
    }

    private static string OneLine(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"Expected one error line, got:\n{error}");
        return lines[0];
    }
}
