using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary><c>connector add|list|run</c> against a running node, with the key in the environment and the secret in a file.</summary>
public sealed class ConnectorCommandTests
{
    private const string Password = "cli-canary-password-91d2";
    private const string Fingerprint = "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og";

    [Fact]
    public async Task AddListRun_AgainstARunningNode_SavesListsWithoutTheSecretAndReportsTheRun()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        var passwordFile = Path.Combine(dir.Path, "password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n", TestContext.Current.CancellationToken);
        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        using var http = await NodeApi.ConnectAsync(node, key);
        var url = http.BaseAddress!.ToString();
        var env = new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = key };

        var add = await CliProcess.RunAsync(
            env, "connector", "add", "--url", url, "--id", "drop", "--host", "127.0.0.1", "--port", ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--user", "drop", "--password-file", passwordFile, "--host-key", Fingerprint, "--folder", "/inbox", "--pattern", "*.csv",
            "--format", "csv", "--disabled", "--json");
        var list = await CliProcess.RunAsync(env, "connector", "list", "--url", url, "--json");
        var run = await CliProcess.RunAsync(env, "connector", "run", "--url", url, "--id", "drop", "--json");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.True(list.ExitCode == 0, list.Error);
        var listed = JsonNode.Parse(Assert.Single(list.Output))!;
        Assert.Equal(("drop", "password", false), (listed["id"]!.GetValue<string>(), listed["auth"]!.GetValue<string>(), listed["enabled"]!.GetValue<bool>()));
        Assert.DoesNotContain(Password, string.Join('\n', add.Output.Concat(list.Output)), StringComparison.Ordinal);

        // Nothing listens on the port: the run is reported, not thrown, and the exit code says it failed.
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("connectionFailed", JsonNode.Parse(Assert.Single(run.Output))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_WithoutApiKey_FailsWithOneLine()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["MIRRORSPACE_API_KEY"] = string.Empty }, "connector", "run", "--id", "drop");

        Assert.Equal(2, exitCode);
        Assert.Contains("MIRRORSPACE_API_KEY", error, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
