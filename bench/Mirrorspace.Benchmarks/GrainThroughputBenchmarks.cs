using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using RunStrategy = BenchmarkDotNet.Engines.RunStrategy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Runtime;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Devices;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Devices;
using Mirrorspace.Storage.Sqlite.Integrity;

namespace Mirrorspace.Benchmarks;

/// <summary>How much of the path an update takes.</summary>
public enum UpdatePath
{
    /// <summary>The full path: TwinGrain, group-commit writer, durable SQLite commit.</summary>
    Sqlite,

    /// <summary>TwinGrain and the group-commit writer, but the store acknowledges each group without writing it.</summary>
    Discard,

    /// <summary>A grain with the same PatchAsync signature that only appends the event through the group-commit writer (commits discarded) and awaits it.</summary>
    CommitOnlyGrain,

    /// <summary>An Orleans call to a grain with the same PatchAsync signature that does nothing.</summary>
    EmptyGrain,

    /// <summary>The full path as a device's reading takes it: <c>ITwinGrain.IngestAsync</c> (the model's checks and the integrity stage), one reading per call.</summary>
    SqliteIngest,

    /// <summary>As <see cref="SqliteIngest"/>, but <see cref="GrainThroughputBenchmarks.ReadingsPerCall"/> readings of one twin per <c>IngestBatchAsync</c> call, as a gateway or a batch file delivers them.</summary>
    SqliteIngestBatch,
}

/// <summary>
/// End to end inside one node: validated reported-property updates through <c>ITwinGrain.PatchAsync</c>
/// on a real single-silo Orleans host, each acknowledged only after the group-commit writer has made
/// it durable in the SQLite history (WAL, synchronous=FULL) in a temp file. One operation is one
/// update, so Op/s is updates per second. The aim is 100,000 updates/s.
/// </summary>
/// <remarks>
/// <see cref="UpdatePath.Discard"/> keeps everything but the SQLite commit (the writer still queues,
/// groups and acknowledges), <see cref="UpdatePath.CommitOnlyGrain"/> drops the domain work too and
/// <see cref="UpdatePath.EmptyGrain"/> keeps only the Orleans call, so the paths split an update's
/// cost into the Orleans call, the wait for the group commit, the domain work and SQLite. Per-iteration
/// statistics (process CPU per update, commits, rows per commit, time inside CommitAsync,
/// allocations, and on the SQLite path what the history indexer did) are printed to the log by
/// <see cref="IterationCleanup"/>. The twin count defaults to 1,000; set <c>MIRRORSPACE_BENCH_TWINS</c>
/// (e.g. <c>1000,20000</c>) to run other counts, and <c>MIRRORSPACE_BENCH_PATHS</c> to run some paths only.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
// Ten warm-up iterations: the JIT tiers the path up (and recompiles it with profile data) for the
// first 15-20 s of the process, taking up to a seventh of its CPU; a node that has been running a
// while does not pay that. Six measured iterations take in two or three of the indexer's moves.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 10, iterationCount: 6, invocationCount: 1)]
public class GrainThroughputBenchmarks : IDisposable
{
    /// <summary>Updates sent per invocation.</summary>
    public const int Updates = 50_000;

    private const string Tenant = "bench";
    private const string Source = "device:bench";

    private TempDirectory? _directory;
    private SqliteTwinSpaceStore? _sqlite;
    private InstrumentedStore _store = null!;
    private IHost? _host;
    private ITwinGrain[] _twins = null!;
    private IEmptyPatchGrain[] _empty = null!;
    private ICommitOnlyPatchGrain[] _commitOnly = null!;
    private string[] _patches = null!;
    private long _completed;
    private long _started;
    private long _elapsedTicks;
    private long _allocatedBefore;
    private int _gen0Before;
    private int _gen2Before;
    private TimeSpan _cpuBefore;
    private TimeSpan _gcPauseBefore;
    private HistoryIndexingStats? _indexingBefore;

    /// <summary>The paths to run; all four unless <c>MIRRORSPACE_BENCH_PATHS</c> names some (e.g. <c>Sqlite,Discard</c>).</summary>
    [ParamsSource(nameof(Paths))]
    public UpdatePath Path { get; set; }

    /// <summary>Twins the updates are spread over, round robin.</summary>
    [ParamsSource(nameof(TwinCounts))]
    public int Twins { get; set; }

    /// <summary>Updates kept in flight at once (in <see cref="ReadingsPerCall"/>-reading calls on the batch path).</summary>
    [Params(2_000, 10_000)]
    public int InFlight { get; set; }

    /// <summary>Readings per call on <see cref="UpdatePath.SqliteIngestBatch"/>: 100 unless <c>MIRRORSPACE_BENCH_BATCH</c> says otherwise.</summary>
    public static int ReadingsPerCall { get; } =
        Environment.GetEnvironmentVariable("MIRRORSPACE_BENCH_BATCH") is { Length: > 0 } batch ? int.Parse(batch, CultureInfo.InvariantCulture) : 100;

    public static IEnumerable<UpdatePath> Paths() =>
        Environment.GetEnvironmentVariable("MIRRORSPACE_BENCH_PATHS") is { Length: > 0 } paths
            ? paths.Split(',').Select(p => Enum.Parse<UpdatePath>(p, ignoreCase: true))
            : Enum.GetValues<UpdatePath>();

    public static IEnumerable<int> TwinCounts() =>
        Environment.GetEnvironmentVariable("MIRRORSPACE_BENCH_TWINS") is { Length: > 0 } counts
            ? counts.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))
            : [1_000];

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = new TempDirectory("grain");
        _sqlite = new SqliteTwinSpaceStore(new SqliteStoreOptions { DatabasePath = _directory.File("mirrorspace.db") });
        _store = new InstrumentedStore(_sqlite);
        var clock = TimeProvider.System;
        await _store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        await _store.CreateTenantAsync(new TenantRecord { Id = Tenant, Name = "Benchmark", CreatedAt = clock.GetUtcNow() }, CancellationToken.None)
            .ConfigureAwait(false);
        var model = PumpModel.Parse();
        var saved = await _store.SaveModelAsync(
            new StoredModel { TenantId = Tenant, ModelId = model.Model.Id, Version = model.Model.Version, Document = model.CanonicalJson, CreatedAt = clock.GetUtcNow() },
            CancellationToken.None).ConfigureAwait(false);
        if (saved is not ModelSaveOutcome.Created)
        {
            throw new InvalidOperationException($"Saving the model returned {saved}.");
        }

        // Wired like MirrorspaceApp: one silo on localhost, the store as ITwinSpaceStore, the twin runtime.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ITwinSpaceStore>(_store);
        var database = new SqliteStoreOptions { DatabasePath = _directory.File("mirrorspace.db") };
        builder.Services.AddSingleton<IIntegrityStore>(new SqliteIntegrityStore(database));
        builder.Services.AddSingleton<IDeviceStore>(new SqliteDeviceStore(database));
        builder.Services.AddSingleton<IDeviceKeyCipher, NoDeviceKeys>();
        builder.Services.AddMirrorspaceRuntime();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort.Pick(), FreePort.Pick()));
        _host = builder.Build();
        await _host.StartAsync().ConfigureAwait(false);

        var grains = _host.Services.GetRequiredService<IGrainFactory>();
        var keys = Enumerable.Range(0, Twins).Select(i => TwinGrainKey.Format(Tenant, $"pump-{i:D5}")).ToArray();
        _twins = [.. keys.Select(k => grains.GetGrain<ITwinGrain>(k))];
        _empty = [.. keys.Select(k => grains.GetGrain<IEmptyPatchGrain>(k))];
        _commitOnly = [.. keys.Select(k => grains.GetGrain<ICommitOnlyPatchGrain>(k))];
        var created = await Task.WhenAll(_twins.Select(t => t.CreateAsync(PumpModel.Id, model.Model.Version, null, Source))).ConfigureAwait(false);
        if (created.FirstOrDefault(r => r.Outcome is not TwinOutcome.Created) is { } failed)
        {
            throw new InvalidOperationException($"Creating a twin returned {failed.Outcome}: {failed.Detail}");
        }

        // Constant temperature: real time passes between a twin's updates, so only a constant value is sure to respect 2 °C/s.
        _patches = ReportedPatches.Create(alternateTemperature: false);
        _store.DiscardCommits = Path is not (UpdatePath.Sqlite or UpdatePath.SqliteIngest or UpdatePath.SqliteIngestBatch);
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _store.ResetStats();
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        _gen0Before = GC.CollectionCount(0);
        _gen2Before = GC.CollectionCount(2);
        _cpuBefore = Environment.CpuUsage.TotalTime;
        _gcPauseBefore = GC.GetTotalPauseDuration();
        _indexingBefore = _sqlite?.HistoryIndexing;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public async Task PatchThroughGrain()
    {
        _started = Stopwatch.GetTimestamp();
        var next = -1;
        var rejected = 0;
        var perCall = Path is UpdatePath.SqliteIngestBatch ? ReadingsPerCall : 1;
        var workers = new Task[InFlight / perCall];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = perCall == 1 ? Worker() : BatchWorker();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        _elapsedTicks = Stopwatch.GetTimestamp() - _started;
        if (rejected > 0)
        {
            throw new InvalidOperationException($"{rejected} updates were not accepted.");
        }

        Interlocked.Add(ref _completed, Updates);

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Updates)
            {
                var patch = _patches[i & (ReportedPatches.Count - 1)];
                var twin = i % _twins.Length;
                if (Path is UpdatePath.SqliteIngest)
                {
                    var result = await _twins[twin].IngestAsync(new DeviceReading { PatchJson = patch, Source = Source }).ConfigureAwait(false);
                    Count(result.Outcome);
                    continue;
                }

                var call = Path switch
                {
                    UpdatePath.EmptyGrain => _empty[twin].PatchAsync(TwinSide.Reported, patch, null, Source, returnTwin: false),
                    UpdatePath.CommitOnlyGrain => _commitOnly[twin].PatchAsync(TwinSide.Reported, patch, null, Source, returnTwin: false),
                    _ => _twins[twin].PatchAsync(TwinSide.Reported, patch, null, Source, returnTwin: false),
                };
                Count((await call.ConfigureAwait(false)).Outcome);
            }
        }

        // Each call takes perCall updates for one twin, the twins round robin (Updates is a multiple of
        // perCall). A twin's n-th reading gets the patch it gets on the other paths, where update i
        // goes to twin i % twins: the values each twin sees stay the same, and so does what the
        // integrity stage makes of them.
        async Task BatchWorker()
        {
            int block;
            while ((block = Interlocked.Increment(ref next)) < Updates / perCall)
            {
                var twin = block % _twins.Length;
                var readings = new DeviceReading[perCall];
                for (var r = 0; r < perCall; r++)
                {
                    var nth = ((block / _twins.Length) * perCall) + r;
                    readings[r] = new DeviceReading { PatchJson = _patches[(twin + (nth * _twins.Length)) & (ReportedPatches.Count - 1)], Source = Source };
                }

                var results = await _twins[twin].IngestBatchAsync(readings).ConfigureAwait(false);
                Interlocked.Add(ref rejected, perCall - results.Count(r => r.Outcome is TwinOutcome.Ok));
            }
        }

        void Count(TwinOutcome outcome)
        {
            if (outcome is not TwinOutcome.Ok)
            {
                Interlocked.Increment(ref rejected);
            }
        }
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        var cpu = Environment.CpuUsage.TotalTime - _cpuBefore;
        var stats = _store.Stats;
        var elapsed = Stopwatch.GetElapsedTime(0, _elapsedTicks);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - _allocatedBefore;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// stats: {Updates / elapsed.TotalSeconds:N0} updates/s; CPU {cpu.TotalMicroseconds / Updates:N1} µs/update ({cpu / elapsed:N2} of {Environment.ProcessorCount} cores); {stats.Commits} commits, {stats.RowsPerCommit:N0} rows/commit (max {stats.MaxRows}), "
            + $"in CommitAsync {stats.CommitTime.TotalMilliseconds:N0} ms of {elapsed.TotalMilliseconds:N0} ms ({stats.CommitTime / elapsed:P0}, of it {stats.CommitCpu.TotalMilliseconds:N0} ms CPU), "
            + $"{stats.CommitTime.TotalMilliseconds * 1000 / Math.Max(1, stats.Commits):N0} µs/commit; "
            + $"{allocated / Updates:N0} B allocated/update (all threads), GC gen0 {GC.CollectionCount(0) - _gen0Before}, gen2 {GC.CollectionCount(2) - _gen2Before}, "
            + $"GC pauses {(GC.GetTotalPauseDuration() - _gcPauseBefore).TotalMilliseconds:N0} ms; load average {MachineLoad.LoadAverage()}"));
        if (!_store.DiscardCommits && _sqlite?.HistoryIndexing is { } indexing && _indexingBefore is { } before)
        {
            // The indexer's share of the run: its moves and checkpoints hold the write lock that commits need.
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"// indexer: {indexing.Batches - before.Batches} batches, {indexing.RowsIndexed - before.RowsIndexed:N0} rows grouped in {(indexing.TimePreparing - before.TimePreparing).TotalMilliseconds:N0} ms beside the commits and moved in {(indexing.TimeIndexing - before.TimeIndexing).TotalMilliseconds:N0} ms locked, "
                + $"checkpoints {(indexing.TimeCheckpointing - before.TimeCheckpointing).TotalMilliseconds:N0} ms locked + {(indexing.TimeCheckpointingConcurrently - before.TimeCheckpointingConcurrently).TotalMilliseconds:N0} ms beside the commits, "
                + $"{indexing.UnindexedRows:N0} rows unindexed at the end (from {before.UnindexedRows:N0}), failures {indexing.Failures}"));
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        MachineLoad.Log("cleanup");
        if (_host is not null)
        {
            _host.StopAsync().GetAwaiter().GetResult();
            ((IAsyncDisposable)_host).DisposeAsync().AsTask().GetAwaiter().GetResult();
            _host = null;
        }

        _sqlite?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sqlite = null;
        if (_directory is not null)
        {
            ReportDurableRows(_directory.File("mirrorspace.db"));
            _directory.Dispose();
            _directory = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Checks that every acknowledged update is in the history: one event per twin creation plus one per update.</summary>
    private void ReportDurableRows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT coalesce(sum(event_count), 0) FROM twin_event_chunks), (SELECT count(*) FROM twin_event_log);";
        using var reader = command.ExecuteReader();
        reader.Read();
        var (indexed, logged) = (reader.GetInt64(0), reader.GetInt64(1));
        var rows = indexed + logged;
        var expected = _store.DiscardCommits ? _twins.Length : _twins.Length + _completed;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// durable: {rows:N0} events ({indexed:N0} in twin_event_chunks, {logged:N0} in twin_event_log), expected {expected:N0} ({_twins.Length:N0} creations + {(_store.DiscardCommits ? 0 : _completed):N0} acknowledged updates) -> {(rows == expected ? "OK" : "MISMATCH")}"));
    }
}
