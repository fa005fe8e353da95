using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Benchmarks;

/// <summary>
/// Reading a twin's history through <c>SqliteTwinSpaceStore.ReadEventsAsync</c>, the one path behind
/// history pages, time windows, time travel and a grain's replay on activation: 100 twins with
/// 2,000 indexed events each and 20 more still in the event log, so every read merges the two.
/// Reads go to a different twin and place each time. One operation is one read.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[IterationTime(250)]
public class HistoryReadBenchmarks : IDisposable
{
    private const int Twins = 100;
    private const int Indexed = 2_000;
    private const int Logged = 20;
    private const int Versions = Indexed + Logged;

    private TempDirectory? _directory;
    private SqliteTwinSpaceStore? _store;
    private string[] _twinIds = null!;
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = new TempDirectory("read");
        _twinIds = [.. Enumerable.Range(0, Twins).Select(HistoryDatabase.TwinId)];
        var payloads = ReportedPatches.Create(alternateTemperature: true);
        var path = _directory.File("history.db");
        await HistoryDatabase.CreateAsync(path, twins: 0, prefillPerTwin: 0, payloads).ConfigureAwait(false);
        _store = new SqliteTwinSpaceStore(new SqliteStoreOptions
        {
            DatabasePath = path,
            HistoryIndexBatchRows = int.MaxValue,
            HistoryIndexDelay = Timeout.InfiniteTimeSpan,
        });
        await _store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        await CommitAsync(1, Indexed, payloads).ConfigureAwait(false);
        await _store.IndexHistoryAsync(CancellationToken.None).ConfigureAwait(false);
        await CommitAsync(Indexed + 1, Versions, payloads).ConfigureAwait(false);
        if (_store.HistoryIndexing.UnindexedRows != Twins * Logged)
        {
            throw new InvalidOperationException($"Expected {Twins * Logged} unindexed events, found {_store.HistoryIndexing.UnindexedRows}.");
        }

        MachineLoad.Log("setup");
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

    /// <summary>A page of 100 events from somewhere in the indexed history.</summary>
    [Benchmark]
    public Task<int> Page100() => ReadAsync(new EventRange { AfterVersion = Place(Indexed - 100), Limit = 100 }, expected: 100);

    /// <summary>A page of 1,000 events reaching into the log.</summary>
    [Benchmark]
    public Task<int> Page1000ToTheEnd() => ReadAsync(new EventRange { AfterVersion = Versions - 1_000, Limit = 1_000 }, expected: 1_000);

    /// <summary>Ten minutes of one twin's events (one per minute) from anywhere in its history.</summary>
    [Benchmark]
    public Task<int> Window10()
    {
        var first = Place(Indexed - 10) + 1;
        return ReadAsync(new EventRange { From = Event(first, string.Empty).Timestamp, To = Event(first + 9, string.Empty).Timestamp }, expected: 10);
    }

    /// <summary>What a grain replays on activation: the events after its snapshot (every 100 events), here the last 50.</summary>
    [Benchmark]
    public Task<int> Replay50() => ReadAsync(new EventRange { AfterVersion = Versions - 50 }, expected: 50);

    /// <summary>Versions <paramref name="first"/> to <paramref name="last"/> of every twin, ten of each per commit, round robin, as a busy node's groups hold them.</summary>
    private async Task CommitAsync(int first, int last, string[] payloads)
    {
        for (var version = first; version <= last; version += 10)
        {
            var writes = new List<TwinWrite>(Twins * 10);
            foreach (var twinId in _twinIds)
            {
                for (var v = version; v < version + 10 && v <= last; v++)
                {
                    writes.Add(new AppendEvent(HistoryDatabase.Tenant, twinId, Event(v, payloads[v & (payloads.Length - 1)])));
                }
            }

            await _store!.CommitAsync(writes, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static TwinEvent Event(long version, string payload) => new()
    {
        Version = version,
        Timestamp = new DateTimeOffset(HistoryDatabase.BaseTicks + (version * TimeSpan.TicksPerMinute), TimeSpan.Zero),
        Kind = TwinEventKind.ReportedPatched,
        Payload = payload,
        Source = HistoryDatabase.Source,
    };

    /// <summary>A version from 0 to <paramref name="bound"/>, different on each call.</summary>
    private long Place(int bound) => (_next * 7_919L) % bound;

    private async Task<int> ReadAsync(EventRange range, int expected)
    {
        var twinId = _twinIds[_next++ % Twins];
        var read = 0;
        await foreach (var _ in _store!.ReadEventsAsync(HistoryDatabase.Tenant, twinId, range, CancellationToken.None).ConfigureAwait(false))
        {
            read++;
        }

        // A read that found the wrong number of events measured nothing worth reporting.
        return read == expected ? read : throw new InvalidOperationException($"Read {read} events of {twinId}, expected {expected}.");
    }
}
