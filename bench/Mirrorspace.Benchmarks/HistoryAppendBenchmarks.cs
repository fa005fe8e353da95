using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Benchmarks;

/// <summary>
/// <c>SqliteTwinSpaceStore.CommitAsync</c> of one batch of <see cref="AppendEvent"/> writes (one
/// transaction, one durable commit) into a temp-file database, beside a bare Microsoft.Data.Sqlite
/// baseline that inserts the same rows into an identical database with one prepared command (the
/// store's append into <c>twin_event_log</c>) in one transaction under the same PRAGMAs. Rows go
/// round robin over 1,000 twins, as updates do in the grain benchmark, into a history prefilled with
/// 200 events per twin. One operation is one row: Mean is the cost per row and Op/s is rows per second.
/// </summary>
/// <remarks>
/// This is the commit alone: the store's background indexer is held back (it would otherwise take
/// the write lock at random points of the run), and neither database checkpoints, as the store's
/// commit connection never does. Moving the rows on into the chunks of the history and checkpointing is
/// measured by <see cref="HistoryIndexBenchmarks"/>; the grain benchmark runs both together.
/// </remarks>
/// <remarks>
/// BenchmarkDotNet cannot take <c>OperationsPerInvoke</c> from a <c>[Params]</c> value
/// (dotnet/BenchmarkDotNet#258, #1832), so each batch size is its own pair of methods with a constant
/// <c>OperationsPerInvoke</c>, grouped by category so that Ratio compares the store with raw SQLite
/// at the same batch size.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[IterationTime(250)]
public class HistoryAppendBenchmarks : IDisposable
{
    private const int TwinCount = 1_000;
    private static readonly int[] BatchSizes = [1, 100, 1_000, 10_000];

    private readonly Dictionary<int, TwinWrite[]> _buffers = [];
    private TempDirectory? _directory;
    private SqliteTwinSpaceStore? _store;
    private SqliteConnection? _raw;
    private HistoryDatabase.InsertCommand? _insert;
    private string[] _twinIds = null!;
    private string[] _payloads = null!;
    private long _sequence;
    private TimeSpan _cpuAtSetup;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = new TempDirectory("history");
        _twinIds = [.. Enumerable.Range(0, TwinCount).Select(HistoryDatabase.TwinId)];
        _payloads = ReportedPatches.Create(alternateTemperature: true);
        foreach (var size in BatchSizes)
        {
            _buffers[size] = new TwinWrite[size];
        }

        var storePath = _directory.File("store.db");
        var rawPath = _directory.File("raw.db");
        await HistoryDatabase.CreateAsync(storePath, TwinCount, HistoryDatabase.PrefillPerTwin, _payloads).ConfigureAwait(false);
        await HistoryDatabase.CreateAsync(rawPath, TwinCount, HistoryDatabase.PrefillPerTwin, _payloads).ConfigureAwait(false);
        _store = new SqliteTwinSpaceStore(new SqliteStoreOptions
        {
            DatabasePath = storePath,
            HistoryIndexBatchRows = int.MaxValue,
            HistoryIndexDelay = Timeout.InfiniteTimeSpan,
        });
        await _store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        _raw = HistoryDatabase.OpenWriter(rawPath, HistoryDatabase.CommitWriterPragmas);
        _insert = new HistoryDatabase.InsertCommand(_raw, HistoryDatabase.InsertLoggedEvent);
        Console.WriteLine($"// writer PRAGMAs (store and baseline): {(HistoryDatabase.WriterPragmas + HistoryDatabase.CommitWriterPragmas).ReplaceLineEndings(" ")}");
        MachineLoad.Log("setup");
        _cpuAtSetup = Environment.CpuUsage.TotalTime;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        // Process CPU per row over the whole case (pilot and warm-up included): it moves much less
        // with the load of a shared machine than the wall-clock Mean does.
        Console.WriteLine(
            $"// cpu: {(Environment.CpuUsage.TotalTime - _cpuAtSetup).TotalMicroseconds / Math.Max(1, _sequence):N1} µs/row over {_sequence:N0} rows");
        MachineLoad.Log("cleanup");
        _insert?.Dispose();
        _raw?.Dispose();
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        _directory?.Dispose();
        (_insert, _raw, _store, _directory) = (null, null, null, null);
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1), BenchmarkCategory("Batch 1")]
    public void RawSqlite_1() => RawInsert(1);

    [Benchmark(OperationsPerInvoke = 1), BenchmarkCategory("Batch 1")]
    public Task Store_1() => StoreCommit(1);

    [Benchmark(Baseline = true, OperationsPerInvoke = 100), BenchmarkCategory("Batch 100")]
    public void RawSqlite_100() => RawInsert(100);

    [Benchmark(OperationsPerInvoke = 100), BenchmarkCategory("Batch 100")]
    public Task Store_100() => StoreCommit(100);

    [Benchmark(Baseline = true, OperationsPerInvoke = 1_000), BenchmarkCategory("Batch 1000")]
    public void RawSqlite_1000() => RawInsert(1_000);

    [Benchmark(OperationsPerInvoke = 1_000), BenchmarkCategory("Batch 1000")]
    public Task Store_1000() => StoreCommit(1_000);

    [Benchmark(Baseline = true, OperationsPerInvoke = 10_000), BenchmarkCategory("Batch 10000")]
    public void RawSqlite_10000() => RawInsert(10_000);

    [Benchmark(OperationsPerInvoke = 10_000), BenchmarkCategory("Batch 10000")]
    public Task Store_10000() => StoreCommit(10_000);

    /// <summary>Builds the rows as the grain does (one AppendEvent per update) and commits them through the store.</summary>
    private Task StoreCommit(int batch)
    {
        var writes = _buffers[batch];
        for (var i = 0; i < writes.Length; i++)
        {
            // The sequence is unique and above the prefilled versions, so (tenant, twin, version) never repeats.
            var seq = ++_sequence;
            var version = HistoryDatabase.PrefillPerTwin + seq;
            writes[i] = new AppendEvent(HistoryDatabase.Tenant, _twinIds[seq % TwinCount], new TwinEvent
            {
                Version = version,
                Timestamp = new DateTimeOffset(HistoryDatabase.BaseTicks + (version * TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
                Kind = TwinEventKind.ReportedPatched,
                Payload = _payloads[seq & (ReportedPatches.Count - 1)],
                Source = HistoryDatabase.Source,
            });
        }

        return _store!.CommitAsync(writes, CancellationToken.None);
    }

    /// <summary>The same rows bound straight to one prepared INSERT in one transaction.</summary>
    private void RawInsert(int batch)
    {
        using var transaction = _raw!.BeginTransaction();
        _insert!.Transaction = transaction;
        for (var i = 0; i < batch; i++)
        {
            var seq = ++_sequence;
            _insert.Execute(_twinIds[seq % TwinCount], HistoryDatabase.PrefillPerTwin + seq, _payloads[seq & (ReportedPatches.Count - 1)]);
        }

        transaction.Commit();
        _insert.Transaction = null;
    }
}
