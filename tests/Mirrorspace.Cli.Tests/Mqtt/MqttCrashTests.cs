using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Mqtt;

/// <summary>
/// A QoS 1 PUBACK is a promise that the reading is stored: devices stream readings, the node is
/// killed with SIGKILL mid-stream, and after a restart every acknowledged reading is in the history.
/// </summary>
public sealed class MqttCrashTests
{
    private const int Devices = 4;

    private const string CounterModel = """
        {
          "id": "counter",
          "version": 1,
          "sync": { "expectedInterval": "PT1S", "staleAfter": "PT10S", "maxMessagesPerSecond": 10000 },
          "properties": [ { "name": "count", "type": "integer", "minimum": 0, "maximum": 1000000000 } ]
        }
        """;

    [Fact]
    public async Task Kill9_WhileDevicesPublishQos1_EveryAcknowledgedReadingIsInTheHistory()
    {
        using var dir = new TempDirectory();
        var key = await NodeApi.InitAsync(dir);
        var acknowledged = new ConcurrentDictionary<int, ConcurrentBag<long>>();
        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            var started = await node.ReadJsonLineAsync();
            using var http = NodeApi.Client(started, key);
            await NodeApi.SendAsync(http, HttpMethod.Put, "/api/v1/models/counter", CounterModel);
            var devices = new List<MqttDevice>();
            for (var twin = 0; twin < Devices; twin++)
            {
                await NodeApi.SendAsync(http, HttpMethod.Put, $"/api/v1/twins/counter-{twin}", """{"model":"counter"}""");
                devices.Add(await MqttDevice.RegisterAndConnectAsync(http, started, dir.Data, $"counter-{twin}", TestContext.Current.CancellationToken));
                acknowledged[twin] = [];
            }

            using var stop = new CancellationTokenSource();
            var streams = devices.Select((device, twin) => StreamAsync(device, acknowledged[twin], stop.Token)).ToList();

            // Let every device get readings acknowledged, then pull the plug while they are still sending.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (acknowledged.Values.Any(bag => bag.Count < 50) && waited.Elapsed < TimeSpan.FromSeconds(60) && streams.All(s => !s.IsFaulted))
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.All(acknowledged.Values, bag => Assert.True(bag.Count >= 50, $"only {bag.Count} readings acknowledged before the crash"));
            await node.SignalAndWaitAsync("KILL");
            await stop.CancelAsync();
            await Task.WhenAll(streams.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        await using (var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json"))
        {
            using var http = NodeApi.Client(await node.ReadJsonLineAsync(), key);
            for (var twin = 0; twin < Devices; twin++)
            {
                var stored = await StoredCountsAsync(http, $"counter-{twin}");
                var missing = acknowledged[twin].Where(count => !stored.Contains(count)).Order().ToList();
                Assert.True(missing.Count == 0, $"counter-{twin}: {missing.Count} of {acknowledged[twin].Count} acknowledged readings missing, first {string.Join(", ", missing.Take(5))}");
            }
        }
    }

    /// <summary>Publishes 1, 2, 3… with QoS 1, one in flight at a time, recording each count once its PUBACK says success.</summary>
    private static async Task StreamAsync(MqttDevice device, ConcurrentBag<long> acknowledged, CancellationToken cancellationToken)
    {
        using (device)
        {
            for (long count = 1; !cancellationToken.IsCancellationRequested; count++)
            {
                if (await device.ReportAsync($$"""{"count":{{count}}}""", cancellationToken))
                {
                    acknowledged.Add(count);
                }
            }
        }
    }

    private static async Task<HashSet<long>> StoredCountsAsync(HttpClient http, string twinId)
    {
        var counts = new HashSet<long>();
        string? after = null;
        do
        {
            var page = await NodeApi.GetJsonAsync(http, $"/api/v1/twins/{twinId}/history?property=count&limit=1000" + (after is null ? string.Empty : $"&after={after}"));
            foreach (var point in page["points"]!.AsArray())
            {
                counts.Add(point!["value"]!.GetValue<long>());
            }

            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return counts;
    }
}
