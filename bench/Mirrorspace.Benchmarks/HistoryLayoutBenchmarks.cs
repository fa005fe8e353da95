using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Mirrorspace.Benchmarks.Infrastructure;

namespace Mirrorspace.Benchmarks;

/// <summary>What a variant changes relative to committing straight into twin_events, as the store did before the event log.</summary>
public enum HistoryLayout
{
    /// <summary>The previous store: commits go straight into twin_events (WITHOUT ROWID, keyed (tenant, twin, version)) plus twin_events_by_time; synchronous=FULL.</summary>
    TwinEvents,

    /// <summary>The store now: commits append to twin_event_log (rowid in arrival order, no index) and the commit connection never checkpoints; the indexer's later move and checkpoint are measured by HistoryIndexBenchmarks.</summary>
    EventLog,

    /// <summary>The same without the twin_events_by_time index.</summary>
    NoTimeIndex,

    /// <summary>An append-only rowid table (new rows land on the last page) with one unique (tenant, twin, version) index.</summary>
    AppendLog,

    /// <summary>An append-only rowid table with no per-twin index at all: the floor for any layout that indexes later, in bulk.</summary>
    AppendLogNoIndex,

    /// <summary><see cref="TwinEvents"/> with wal_autocheckpoint=0: checkpoints no longer run inside a commit (an upper bound for moving them to a background connection).</summary>
    NoAutoCheckpoint,

    /// <summary><see cref="TwinEvents"/>, but the rows of a batch spread over 10 twins instead of 1,000.</summary>
    TenTwins,

    /// <summary><see cref="TwinEvents"/> with synchronous=OFF: no fsync at all, so what is left is SQLite's CPU and page writes. Not durable; for the split only.</summary>
    SynchronousOff,
}

/// <summary>
/// Experiments behind the storage suggestions in docs/benchmarks.md: raw SQLite commits of 1,000
/// history rows (about one group-commit group under the grain load) spread over 1,000 twins, into a
/// history prefilled with 200 events per twin, with one thing changed at a time. One operation is one row.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[IterationTime(250)]
public class HistoryLayoutBenchmarks : IDisposable
{
    private const int Batch = 1_000;
    private const int ManyTwins = 1_000;
    private const int FewTwins = 10;

    private TempDirectory? _directory;
    private SqliteConnection? _connection;
    private HistoryDatabase.InsertCommand? _insert;
    private string[] _twinIds = null!;
    private string[] _payloads = null!;
    private long _sequence;
    private long _prefill;

    [Params(HistoryLayout.TwinEvents, HistoryLayout.EventLog, HistoryLayout.NoTimeIndex, HistoryLayout.AppendLog, HistoryLayout.AppendLogNoIndex, HistoryLayout.NoAutoCheckpoint, HistoryLayout.TenTwins, HistoryLayout.SynchronousOff)]
    public HistoryLayout Layout { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = new TempDirectory("layout");
        _payloads = ReportedPatches.Create(alternateTemperature: true);
        var twins = Layout is HistoryLayout.TenTwins ? FewTwins : ManyTwins;
        _twinIds = [.. Enumerable.Range(0, twins).Select(HistoryDatabase.TwinId)];

        // Same total history (200,000 rows) whatever the twin count.
        _prefill = HistoryDatabase.PrefillPerTwin * ManyTwins / twins;
        var legacy = Layout switch
        {
            HistoryLayout.EventLog => null,
            HistoryLayout.NoTimeIndex => HistoryDatabase.CreateLegacyTwinEvents + "DROP INDEX twin_events_by_time;",
            HistoryLayout.AppendLog or HistoryLayout.AppendLogNoIndex => """
                CREATE TABLE twin_events (
                  seq INTEGER PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
                  twin_id TEXT NOT NULL,
                  version INTEGER NOT NULL,
                  timestamp INTEGER NOT NULL,
                  kind INTEGER NOT NULL,
                  payload TEXT NOT NULL,
                  source TEXT NOT NULL
                ) STRICT;
                """ + (Layout is HistoryLayout.AppendLog ? "CREATE UNIQUE INDEX twin_events_by_version ON twin_events (tenant_id, twin_id, version);" : string.Empty),
            _ => HistoryDatabase.CreateLegacyTwinEvents,
        };
        var path = _directory.File("history.db");
        await HistoryDatabase.CreateAsync(path, twins, (int)_prefill, _payloads, legacy).ConfigureAwait(false);
        var pragmas = Layout switch
        {
            HistoryLayout.NoAutoCheckpoint => "PRAGMA wal_autocheckpoint = 0;",
            HistoryLayout.SynchronousOff => "PRAGMA synchronous = OFF;",
            HistoryLayout.EventLog => HistoryDatabase.CommitWriterPragmas,
            _ => null,
        };
        _connection = HistoryDatabase.OpenWriter(path, pragmas);
        _insert = new HistoryDatabase.InsertCommand(
            _connection, Layout is HistoryLayout.EventLog ? HistoryDatabase.InsertLoggedEvent : HistoryDatabase.InsertIndexedEvent);
        MachineLoad.Log("setup");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        MachineLoad.Log("cleanup");
        _insert?.Dispose();
        _connection?.Dispose();
        _directory?.Dispose();
        (_insert, _connection, _directory) = (null, null, null);
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Commit1000Rows()
    {
        using var transaction = _connection!.BeginTransaction();
        _insert!.Transaction = transaction;
        for (var i = 0; i < Batch; i++)
        {
            var seq = ++_sequence;
            _insert.Execute(_twinIds[seq % _twinIds.Length], _prefill + seq, _payloads[seq & (ReportedPatches.Count - 1)]);
        }

        transaction.Commit();
        _insert.Transaction = null;
    }
}
