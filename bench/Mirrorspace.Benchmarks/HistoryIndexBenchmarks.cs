using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Writes;
using RunStrategy = BenchmarkDotNet.Engines.RunStrategy;

namespace Mirrorspace.Benchmarks;

/// <summary>
/// The background indexer's work per event: <c>SqliteTwinSpaceStore.IndexHistoryAsync</c> moving a
/// tail of 10,000 or 100,000 events from <c>twin_event_log</c> into <c>twin_event_chunks</c> (one
/// transaction, grouped by twin into chunks of up to 128 versions) and then checkpointing the WAL,
/// which also copies the pages the commits appended. The events were committed through the store
/// before each iteration (not timed), round robin over the twins, into a history prefilled with
/// 200,000 events. One operation is one event, so Mean adds to the commit cost of
/// <see cref="HistoryAppendBenchmarks"/> to give the storage cost of an event.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class HistoryIndexBenchmarks : IDisposable
{
    private const int PrefillTotal = 200_000;
    private const int CommitRows = 1_000;

    private TempDirectory? _directory;
    private SqliteTwinSpaceStore? _store;
    private string[] _twinIds = null!;
    private string[] _payloads = null!;
    private long _prefill;
    private long _sequence;
    private HistoryIndexingStats? _before;
    private TimeSpan _cpuBefore;

    /// <summary>Twins the events are spread over.</summary>
    [Params(1_000, 20_000)]
    public int Twins { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = new TempDirectory("index");
        _payloads = ReportedPatches.Create(alternateTemperature: true);
        _twinIds = [.. Enumerable.Range(0, Twins).Select(HistoryDatabase.TwinId)];
        _prefill = PrefillTotal / Twins;
        var path = _directory.File("history.db");
        await HistoryDatabase.CreateAsync(path, Twins, (int)_prefill, _payloads).ConfigureAwait(false);

        // The indexer only runs when the benchmark asks, and then moves the whole tail in one batch.
        _store = new SqliteTwinSpaceStore(new SqliteStoreOptions
        {
            DatabasePath = path,
            HistoryIndexBatchRows = int.MaxValue,
            HistoryIndexDelay = Timeout.InfiniteTimeSpan,
        });
        await _store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        MachineLoad.Log("setup");
    }

    [IterationSetup(Target = nameof(Index_10000))]
    public void Fill10000() => Fill(10_000);

    [IterationSetup(Target = nameof(Index_100000))]
    public void Fill100000() => Fill(100_000);

    [Benchmark(OperationsPerInvoke = 10_000)]
    public Task Index_10000() => _store!.IndexHistoryAsync(CancellationToken.None);

    [Benchmark(OperationsPerInvoke = 100_000)]
    public Task Index_100000() => _store!.IndexHistoryAsync(CancellationToken.None);

    [IterationCleanup]
    public void Report()
    {
        // Process CPU time moves much less with the load of a shared machine than wall time does.
        var cpu = Environment.CpuUsage.TotalTime - _cpuBefore;
        var after = _store!.HistoryIndexing;
        var before = _before!;
        var rows = after.RowsIndexed - before.RowsIndexed;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// indexer: {rows:N0} rows moved in {(after.TimeIndexing - before.TimeIndexing).TotalMilliseconds:N0} ms, "
            + $"checkpoint {(after.TimeCheckpointing - before.TimeCheckpointing).TotalMilliseconds:N0} ms, {after.UnindexedRows} left; "
            + $"CPU {cpu.TotalMicroseconds / Math.Max(1, rows):N1} µs/row; load average {MachineLoad.LoadAverage()}"));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        MachineLoad.Log("cleanup");
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        _directory?.Dispose();
        (_store, _directory) = (null, null);
        GC.SuppressFinalize(this);
    }

    /// <summary>Commits <paramref name="events"/> events as the grain's groups would, one row per twin per group of 1,000.</summary>
    private void Fill(int events)
    {
        var writes = new TwinWrite[CommitRows];
        for (var committed = 0; committed < events; committed += CommitRows)
        {
            for (var i = 0; i < writes.Length; i++)
            {
                // Round robin: each twin's versions follow on from its prefill one by one, as its grain numbers them.
                var seq = ++_sequence;
                var version = _prefill + ((seq - 1) / _twinIds.Length) + 1;
                writes[i] = new AppendEvent(HistoryDatabase.Tenant, _twinIds[seq % _twinIds.Length], new TwinEvent
                {
                    Version = version,
                    Timestamp = new DateTimeOffset(HistoryDatabase.BaseTicks + ((_prefill + seq) * TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
                    Kind = TwinEventKind.ReportedPatched,
                    Payload = _payloads[seq & (ReportedPatches.Count - 1)],
                    Source = HistoryDatabase.Source,
                });
            }

            _store!.CommitAsync(writes, CancellationToken.None).GetAwaiter().GetResult();
        }

        _before = _store!.HistoryIndexing;
        _cpuBefore = Environment.CpuUsage.TotalTime;
    }
}
