using System.Text.Json.Nodes;
using Mirrorspace.Connectivity.Sftp.Tests.Testing;

namespace Mirrorspace.Connectivity.Sftp.Tests.Import;

/// <summary>Batch import from a real OpenSSH server into the twins, through the API, end to end.</summary>
public sealed class SftpImportTests(SftpImportFixture fixture) : IClassFixture<SftpImportFixture>
{
    private OpenSshServer Server => fixture.Server;

    [Fact]
    public async Task Run_CsvFile_ReportsEveryValueToItsTwinAndMovesTheFile()
    {
        var (admin, file) = await SetUpPumpsAsync("csv", "pump-a", "pump-b");
        Server.PutFile(file, """
            twinId,property,value
            pump-a,speed,1500
            pump-a,power,40.5
            pump-b,speed,900
            pump-a,speed,1600
            pump-b,serialNumber,"SN-0042"

            """);

        var result = await admin.RunConnectorAsync("inbox");

        Assert.Equal("completed", result["status"]!.GetValue<string>());
        Assert.Equal((1, 1, 5L, 0L), Counts(result));
        var pumpA = await admin.ReportedAsync("pump-a");
        Assert.Equal((1600d, 40.5d), (pumpA["speed"]!.GetValue<double>(), pumpA["power"]!.GetValue<double>()));
        Assert.Equal("SN-0042", (await admin.ReportedAsync("pump-b"))["serialNumber"]!.GetValue<string>());

        // Rows 2-3 went to pump-a as one patch; the repeated speed on line 5 started a new one.
        Assert.Equal([(1500d, $"sftp:inbox:{file}#2-3"), (1600d, $"sftp:inbox:{file}#5")], await admin.HistoryAsync("pump-a", "speed"));
        Assert.False(Server.InInbox(file));
        Assert.True(Server.InProcessed(file));
    }

    [Fact]
    public async Task Run_JsonLinesFile_ReportsEveryLineToItsTwin()
    {
        var (admin, file) = await SetUpAsync("jsonl", "pump-j");
        Server.PutFile(file, """
            {"twinId": "pump-j", "reported": {"speed": 1200, "mode": "auto"}}
            {"twinId": "pump-j", "reported": {"speed": 1250}}
            """);

        var result = await admin.RunConnectorAsync("inbox");

        Assert.Equal((1, 1, 2L, 0L), Counts(result));
        var reported = await admin.ReportedAsync("pump-j");
        Assert.Equal((1250d, "auto"), (reported["speed"]!.GetValue<double>(), reported["mode"]!.GetValue<string>()));
        Assert.Equal([(1200d, $"sftp:inbox:{file}#1"), (1250d, $"sftp:inbox:{file}#2")], await admin.HistoryAsync("pump-j", "speed"));
    }

    [Fact]
    public async Task Run_MalformedRows_ReportsEachWithFileAndLineAndIngestsTheRest()
    {
        var (admin, file) = await SetUpAsync("csv", "pump-m");
        Server.PutFile(file, """
            twinId,property,value
            pump-m,speed,1000
            pump-m,speed,"unclosed
            pump-x,speed,10
            pump-m,colour,red
            pump-m,speed,fast
            pump-m,power,12
            pump-m,speed
            not a twin!,speed,1
            pump-m,speed,1100

            """);

        var result = await admin.RunConnectorAsync("inbox");

        Assert.Equal((1, 1, 3L, 6L), Counts(result));
        var refusals = result["refusals"]!.AsArray();
        Assert.All(refusals, r => Assert.Equal(file, r!["file"]!.GetValue<string>()));
        Assert.Equal([3, 4, 5, 6, 8, 9], refusals.Select(r => r!["line"]!.GetValue<int>()));
        var reasons = refusals.Select(r => r!["reason"]!.GetValue<string>()).ToList();
        Assert.Contains("not closed", reasons[0], StringComparison.Ordinal);
        Assert.Contains("pump-x", reasons[1], StringComparison.Ordinal);
        Assert.Contains("colour", reasons[2], StringComparison.Ordinal);
        Assert.Contains("speed", reasons[3], StringComparison.Ordinal);
        Assert.Contains("3 fields", reasons[4], StringComparison.Ordinal);
        Assert.Contains("twin id", reasons[5], StringComparison.Ordinal);

        // The refused speed (line 6) shared a patch with a good power (line 7): the row alone was refused.
        var reported = await admin.ReportedAsync("pump-m");
        Assert.Equal((1100d, 12d), (reported["speed"]!.GetValue<double>(), reported["power"]!.GetValue<double>()));
        Assert.Equal([1000d, 1100d], (await admin.HistoryAsync("pump-m", "speed")).Select(p => p.Value));
    }

    [Fact]
    public async Task Run_Again_IngestsNothingTwice()
    {
        var (admin, file) = await SetUpAsync("csv", "pump-r", processed: "keep");
        Server.PutFile(file, "twinId,property,value\npump-r,speed,700\npump-r,speed,710\n");

        var first = await admin.RunConnectorAsync("inbox");
        var second = await admin.RunConnectorAsync("inbox");

        Assert.Equal((1, 1, 2L, 0L), Counts(first));
        Assert.Equal((1, 0, 0L, 0L), Counts(second));
        Assert.Equal(1, second["filesSkipped"]!.GetValue<int>());
        Assert.True(Server.InInbox(file), "a kept file stays where it is");
        Assert.Equal([700d, 710d], (await admin.HistoryAsync("pump-r", "speed")).Select(p => p.Value));
    }

    [Fact]
    public async Task Run_SameContentUploadedAgainAfterTheMove_IsSkippedAndMovedAside()
    {
        var (admin, file) = await SetUpAsync("csv", "pump-u");
        const string content = "twinId,property,value\npump-u,speed,800\n";
        Server.PutFile(file, content);
        await admin.RunConnectorAsync("inbox");
        Server.PutFile(file, content);

        var again = await admin.RunConnectorAsync("inbox");

        Assert.Equal((1, 0, 0L, 0L), Counts(again));
        var report = again["files"]![0]!;
        Assert.Equal("alreadyProcessed", report["outcome"]!.GetValue<string>());
        Assert.StartsWith($"{Server.RemoteFolder}/processed/{file}.", report["movedTo"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(Server.InInbox(file));
        Assert.Equal([800d], (await admin.HistoryAsync("pump-u", "speed")).Select(p => p.Value));
    }

    [Fact]
    public async Task Run_InterruptedMidFile_NextRunIngestsTheRestExactlyOnce()
    {
        var (tenantId, admin, file) = await SetUpTenantAsync("csv", ["pump-i"], processed: null, password: null);
        var rows = Enumerable.Range(1, 7).Select(i => $"pump-i,speed,{i * 100}");
        Server.PutFile(file, "twinId,property,value\n" + string.Join('\n', rows) + "\n");

        // Windows hold 2 entries: after the third reading the second window is open and only half answered.
        using var interrupted = new CancellationTokenSource();
        var runner = RunnerWith.Sink(fixture.Node, sink => new InterruptingSink(sink, after: 3, interrupted));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(tenantId, "inbox", "test", interrupted.Token));
        Assert.Equal([100d, 200d, 300d], (await admin.HistoryAsync("pump-i", "speed")).Select(p => p.Value));

        var resumed = await admin.RunConnectorAsync("inbox");

        Assert.Equal((1, 1, 4L, 0L), Counts(resumed));
        Assert.Equal(1, resumed["rowsAlreadyIngested"]!.GetValue<int>());
        Assert.Equal(4, resumed["files"]![0]!["resumedAtLine"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (double?)(i * 100)), (await admin.HistoryAsync("pump-i", "speed")).Select(p => p.Value));
        Assert.True(Server.InProcessed(file));
    }

    [Fact]
    public async Task Run_WrongPassword_IsRefusedAndNothingIsRead()
    {
        var (admin, file) = await SetUpAsync("csv", "pump-w", password: "not-the-password");
        Server.PutFile(file, "twinId,property,value\npump-w,speed,100\n");

        var result = await admin.RunConnectorAsync("inbox");

        Assert.Equal("authenticationFailed", result["status"]!.GetValue<string>());
        Assert.Equal(0, result["filesSeen"]!.GetValue<int>());
        Assert.True(Server.InInbox(file));
        Assert.Empty(await admin.HistoryAsync("pump-w", "speed"));
    }

    private async Task<(HttpClient Admin, string File)> SetUpPumpsAsync(string format, params string[] pumps)
    {
        var (_, admin, file) = await SetUpTenantAsync(format, pumps, processed: null, password: null);
        return (admin, file);
    }

    private async Task<(HttpClient Admin, string File)> SetUpAsync(string format, string pump, string? processed = null, string? password = null)
    {
        var (_, admin, file) = await SetUpTenantAsync(format, [pump], processed, password);
        return (admin, file);
    }

    private async Task<(string TenantId, HttpClient Admin, string File)> SetUpTenantAsync(string format, string[] pumps, string? processed, string? password)
    {
        var (tenantId, admin) = await fixture.Node.CreateTenantAsync();
        foreach (var pump in pumps)
        {
            await admin.CreatePumpAsync(pump);
        }

        // Every test has its own file name, and its connector matches only that name.
        var file = $"readings-{Guid.NewGuid():N}.{format}";
        var definition = ConnectorApi.Definition(Server, format, pattern: file);
        if (processed is not null)
        {
            definition["processed"] = processed;
        }

        if (password is not null)
        {
            definition.Remove("privateKey");
            definition["password"] = password;
        }

        await admin.PutConnectorAsync("inbox", definition);
        return (tenantId, admin, file);
    }

    private static (int FilesSeen, int FilesIngested, long RowsAccepted, long RowsRefused) Counts(JsonObject result) => (
        result["filesSeen"]!.GetValue<int>(),
        result["filesIngested"]!.GetValue<int>(),
        result["rowsAccepted"]!.GetValue<long>(),
        result["rowsRefused"]!.GetValue<long>());
}
