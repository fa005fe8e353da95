using System.Net;
using System.Text;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary>A tenant leaves the platform: its keys and rows are destroyed, its API keys stop working, and the erasure is audited.</summary>
public sealed class TenantEraseTests
{
    [Fact]
    public async Task TenantErase_Confirmed_KeysStopWorkingAndNoTraceStaysInTheDatabase()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        const string TwinId = "leaving-twin-4f1c9a";
        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            using var http = await NodeApi.ConnectAsync(node, key);
            var model = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "models", "centrifugal-pump.json"), TestContext.Current.CancellationToken);
            await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/centrifugal-pump", model);
            await NodeApi.SendAsync(http, HttpMethod.Put, $"/api/v1/twins/{TwinId}", """{"model":"centrifugal-pump"}""");
            await node.SignalAndWaitAsync("TERM");
        }

        var unconfirmed = await CliProcess.RunAsync("tenant", "erase", "--data", dir.Data, "--tenant", "city-water");
        var (exitCode, _, error) = await CliProcess.RunAsync("tenant", "erase", "--data", dir.Data, "--tenant", "city-water", "--confirm", "city-water", "--json");
        var (verifyExit, _, verifyError) = await CliProcess.RunAsync("audit", "verify", "--data", dir.Data);

        Assert.NotEqual(0, unconfirmed.ExitCode);
        Assert.True(exitCode == 0, error);
        Assert.True(verifyExit == 0, verifyError);
        var database = await File.ReadAllBytesAsync(Path.Combine(dir.Data, "mirrorspace.db"), TestContext.Current.CancellationToken);
        Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(TwinId)) < 0, "The erased tenant's twin id is still in the database file.");
        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            using var http = await NodeApi.ConnectAsync(node, key);
            using var response = await http.GetAsync(new Uri($"/api/v1/twins/{TwinId}", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
