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
using Mirrorspace.Storage.Sqlite;

namespace Mirrorspace.Benchmarks;

/// <summary>Where acknowledged updates go: the real SQLite history, or nowhere (commits acknowledged at once).</summary>
public enum HistorySink
{
    Sqlite,
    Discard,
}

/// <summary>
/// End to end inside one node: validated reported-property updates through <c>ITwinGrain.PatchAsync</c>
/// on a real single-silo Orleans host, each acknowledged only after the group-commit writer has made
/// it durable in the SQLite history (WAL, synchronous=FULL) in a temp file. One operation is one
/// update, so Op/s is updates per second. The aim is 100,000 updates/s.
/// </summary>
/// <remarks>
/// The <see cref="HistorySink.Discard"/> sink keeps everything but the SQLite commit (the writer
/// still queues, groups and acknowledges), which shows what Orleans and the grain alone can carry.
/// Per-iteration commit statistics (commits, rows per commit, time inside CommitAsync) are printed
/// to the log by <see cref="IterationCleanup"/>.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 5, invocationCount: 1)]
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
    private string[] _patches = null!;
    private long _completed;
    private long _started;
    private long _elapsedTicks;
    private long _allocatedBefore;
    private int _gen0Before;
    private int _gen2Before;

    [Params(HistorySink.Sqlite, HistorySink.Discard)]
    public HistorySink Sink { get; set; }

    /// <summary>Twins the updates are spread over, round robin.</summary>
    [Params(1_000)]
    public int Twins { get; set; }

    /// <summary>Calls kept in flight at once.</summary>
    [Params(2_000)]
    public int InFlight { get; set; }

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
        builder.Services.AddMirrorspaceRuntime();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort.Pick(), FreePort.Pick()));
        _host = builder.Build();
        await _host.StartAsync().ConfigureAwait(false);

        var grains = _host.Services.GetRequiredService<IGrainFactory>();
        _twins = [.. Enumerable.Range(0, Twins).Select(i => grains.GetGrain<ITwinGrain>(TwinGrainKey.Format(Tenant, $"pump-{i:D5}")))];
        var created = await Task.WhenAll(_twins.Select(t => t.CreateAsync(PumpModel.Id, model.Model.Version, Source))).ConfigureAwait(false);
        if (created.FirstOrDefault(r => r.Outcome is not TwinOutcome.Created) is { } failed)
        {
            throw new InvalidOperationException($"Creating a twin returned {failed.Outcome}: {failed.Detail}");
        }

        // Constant temperature: real time passes between a twin's updates, so only a constant value is sure to respect 2 °C/s.
        _patches = ReportedPatches.Create(alternateTemperature: false);
        _store.DiscardCommits = Sink is HistorySink.Discard;
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _store.ResetStats();
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        _gen0Before = GC.CollectionCount(0);
        _gen2Before = GC.CollectionCount(2);
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public async Task ReportedUpdates()
    {
        _started = Stopwatch.GetTimestamp();
        var next = -1;
        var rejected = 0;
        var workers = new Task[InFlight];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Worker();
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
                var twin = _twins[i % _twins.Length];
                var response = await twin.PatchAsync(TwinSide.Reported, _patches[i & (ReportedPatches.Count - 1)], null, Source, returnTwin: false)
                    .ConfigureAwait(false);
                if (response.Outcome is not TwinOutcome.Ok)
                {
                    Interlocked.Increment(ref rejected);
                }
            }
        }
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        var stats = _store.Stats;
        var elapsed = Stopwatch.GetElapsedTime(0, _elapsedTicks);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - _allocatedBefore;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// stats: {Updates / elapsed.TotalSeconds:N0} updates/s; {stats.Commits} commits, {stats.RowsPerCommit:N0} rows/commit (max {stats.MaxRows}), "
            + $"in CommitAsync {stats.CommitTime.TotalMilliseconds:N0} ms of {elapsed.TotalMilliseconds:N0} ms ({stats.CommitTime / elapsed:P0}), "
            + $"{stats.CommitTime.TotalMilliseconds * 1000 / Math.Max(1, stats.Commits):N0} µs/commit; "
            + $"{allocated / Updates:N0} B allocated/update (all threads), GC gen0 {GC.CollectionCount(0) - _gen0Before}, gen2 {GC.CollectionCount(2) - _gen2Before}"));
    }

    [GlobalCleanup]
    public void Dispose()
    {
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
        command.CommandText = "SELECT count(*) FROM twin_events;";
        var rows = (long)command.ExecuteScalar()!;
        var expected = Sink is HistorySink.Sqlite ? _twins.Length + _completed : _twins.Length;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// durable: {rows:N0} rows in twin_events, expected {expected:N0} ({_twins.Length:N0} creations + {(Sink is HistorySink.Sqlite ? _completed : 0):N0} acknowledged updates) -> {(rows == expected ? "OK" : "MISMATCH")}"));
    }
}
