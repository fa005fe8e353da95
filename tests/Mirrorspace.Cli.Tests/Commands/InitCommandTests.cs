using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

public sealed class InitCommandTests
{
    [Fact]
    public async Task Init_Json_PrintsTenantAndAKeyOnce()
    {
        using var dir = new TempDirectory();

        var (exitCode, output, _) = await CliProcess.RunAsync("init", "--data", dir.Data, "--tenant", "City Water", "--json");

        Assert.Equal(0, exitCode);
        var result = JsonNode.Parse(Assert.Single(output))!.AsObject();
        Assert.Equal("city-water", result["tenant"]!.GetValue<string>());
        var key = result["apiKey"]!.GetValue<string>();
        Assert.StartsWith("msk_", key, StringComparison.Ordinal);
        Assert.False(File.ReadAllBytes(Path.Combine(dir.Data, "mirrorspace.db")).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(key)) >= 0, "The key text must never be stored.");
        var platformKey = result["platformAdminKey"]!.GetValue<string>();
        Assert.StartsWith("mpa_", platformKey, StringComparison.Ordinal);
        var secret = platformKey[(platformKey.IndexOf('_', 4) + 1)..];
        Assert.False(File.ReadAllBytes(Path.Combine(dir.Data, "mirrorspace.db")).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)) >= 0, "The platform key's secret must never be stored.");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Init_DataDirectory_IsOwnerOnly()
    {
        using var dir = new TempDirectory();

        await CliProcess.RunAsync("init", "--data", dir.Data, "--json");

        var mode = File.GetUnixFileMode(dir.Data);
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
    }

    [Fact]
    public async Task Init_AlreadyInitialized_FailsWithOneLineAndKeepsData()
    {
        using var dir = new TempDirectory();
        await CliProcess.RunAsync("init", "--data", dir.Data, "--json");
        var before = await File.ReadAllBytesAsync(Path.Combine(dir.Data, "mirrorspace.db"), TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await CliProcess.RunAsync("init", "--data", dir.Data, "--json");

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("already initialized", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(dir.Data, "mirrorspace.db"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Init_MissingDataOption_FailsNonZero()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("init", "--json");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--data", error, StringComparison.Ordinal);
    }
}
