using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

public sealed class KeysCommandTests
{
    [Fact]
    public async Task Keys_RotateRewrapRetire_DataStaysReadableUnderTheNewVersionOnly()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);

        var rotated = await RunJsonAsync("keys", "rotate", "--data", dir.Data, "--tenant", "city-water", "--json");
        var refused = await CliProcess.RunAsync("keys", "min-version", "--data", dir.Data, "--tenant", "city-water", "--version", "2", "--json");
        var rewrapped = await RunJsonAsync("keys", "rewrap", "--data", dir.Data, "--tenant", "city-water", "--json");
        var retired = await RunJsonAsync("keys", "min-version", "--data", dir.Data, "--tenant", "city-water", "--version", "2", "--json");
        var status = await RunJsonAsync("keys", "status", "--data", dir.Data, "--tenant", "city-water", "--json");

        Assert.Equal(2, rotated["currentVersion"]!.GetValue<int>());
        Assert.Equal(9, refused.ExitCode);
        Assert.True(rewrapped["rewritten"]!.GetValue<long>() >= 1, rewrapped.ToJsonString());
        Assert.Equal(2, retired["minimumDecryptionVersion"]!.GetValue<int>());
        Assert.Null(status["records"]!["1"]);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        using var http = await NodeApi.ConnectAsync(node, key);
        var twins = await http.GetFromJsonAsync<JsonObject>("/api/v1/twins", TestContext.Current.CancellationToken);
        Assert.NotNull(twins);
    }

    [Fact]
    public async Task Keys_NodeRunning_RefusesWithOneLine()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        using var http = await NodeApi.ConnectAsync(node, key);

        var (exitCode, output, error) = await CliProcess.RunAsync("keys", "rotate", "--data", dir.Data, "--tenant", "city-water");

        Assert.Equal(8, exitCode);
        Assert.Empty(output);
        Assert.Contains("stop it first", error, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> RunJsonAsync(params string[] args)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(args);
        Assert.True(exitCode == 0, $"{string.Join(' ', args)}: {exitCode} {error}");
        return JsonNode.Parse(output.Single())!.AsObject();
    }
}
