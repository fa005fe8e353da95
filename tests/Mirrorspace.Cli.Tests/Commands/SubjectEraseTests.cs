using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary>A patient leaves: their health and personal values are crypto-shredded, nothing else is.</summary>
public sealed class SubjectEraseTests
{
    [Fact]
    public async Task SubjectErase_OnePatient_TheirValuesReadAsErasedOthersStay()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            using var http = await NodeApi.ConnectAsync(node, key);
            var model = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "models", "patient-monitor.json"), TestContext.Current.CancellationToken);
            await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/patient-monitor", model);
            foreach (var (twin, subject, heartRate) in new[] { ("monitor-1", "patient-a", 72), ("monitor-2", "patient-b", 64) })
            {
                await NodeApi.SendAsync(http, HttpMethod.Put, $"/api/v1/twins/{twin}", $$"""{"model":"patient-monitor","subject":"{{subject}}"}""");
                await NodeApi.SendAsync(http, HttpMethod.Patch, $"/api/v1/twins/{twin}/reported", $$"""{"heartRate":{{heartRate}},"ward":"W3","battery":80}""");
            }

            await node.SignalAndWaitAsync("TERM");
        }

        var (eraseExit, eraseOutput, eraseError) = await CliProcess.RunAsync("subject", "erase", "--data", dir.Data, "--tenant", "city-water", "--subject", "patient-a", "--json");
        var (verifyExit, _, verifyError) = await CliProcess.RunAsync("audit", "verify", "--data", dir.Data);

        Assert.True(eraseExit == 0, eraseError);
        Assert.True(JsonNode.Parse(eraseOutput.Single())!["erased"]!.GetValue<bool>());
        Assert.True(verifyExit == 0, verifyError);
        var (exportExit, exported, exportError) = await CliProcess.RunAsync("export", "--data", dir.Data, "--tenant", "city-water", "--subject", "patient-b");
        Assert.True(exportExit == 0, exportError);
        var lines = exported.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.All(lines, l => Assert.Equal("monitor-2", l["twin"]!.GetValue<string>()));
        Assert.Equal(64, lines.Single(l => l["type"]!.GetValue<string>() == "twin")["reported"]!["heartRate"]!.GetValue<int>());
        var (_, erasedExport, _) = await CliProcess.RunAsync("export", "--data", dir.Data, "--tenant", "city-water", "--subject", "patient-a");
        Assert.Contains(erasedExport, l => JsonNode.Parse(l)!["erased"]?.GetValue<bool>() == true);
        Assert.DoesNotContain(erasedExport, l => l.Contains("heartRate", StringComparison.Ordinal));
        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            using var http = await NodeApi.ConnectAsync(node, key);
            await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/access/policy", """{"purposes":["care"],"purposeOfUse":{"health":["care"],"personal":["care"]}}""");
            http.DefaultRequestHeaders.Add("X-Purpose", "care");
            var erased = (await http.GetFromJsonAsync<JsonObject>("/api/v1/twins/monitor-1", TestContext.Current.CancellationToken))!;
            var kept = (await http.GetFromJsonAsync<JsonObject>("/api/v1/twins/monitor-2", TestContext.Current.CancellationToken))!;
            var history = (await http.GetFromJsonAsync<JsonObject>("/api/v1/twins/monitor-1/history", TestContext.Current.CancellationToken))!;

            Assert.Null(erased["reported"]!["heartRate"]);
            Assert.Null(erased["reported"]!["ward"]);
            Assert.Equal(80, erased["reported"]!["battery"]!.GetValue<int>());
            Assert.Equal(64, kept["reported"]!["heartRate"]!.GetValue<int>());
            Assert.Equal("W3", kept["reported"]!["ward"]!.GetValue<string>());
            Assert.Contains(history["events"]!.AsArray(), e => e!["erased"]?.GetValue<bool>() == true);
            Assert.DoesNotContain(history["events"]!.AsArray(), e => e!["payload"]?["heartRate"] is not null);
        }
    }
}
