using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Benchmarks;

/// <summary>
/// <c>SqliteTwinSpaceStore.CommitAsync</c> of one batch of <see cref="AppendEvent"/> writes (one
/// transaction, one durable commit) into a temp-file database, beside a bare Microsoft.Data.Sqlite
/// baseline that inserts the same rows into the same schema with one prepared command in one
/// transaction under the same PRAGMAs. One operation is one row: Mean is the cost per row and Op/s
/// is rows per second.
/// </summary>
/// <remarks>
/// BenchmarkDotNet cannot take <c>OperationsPerInvoke</c> from a <c>[Params]</c> value
/// (dotnet/BenchmarkDotNet#258, #1832), so each batch size is its own pair of methods with a constant
/// <c>OperationsPerInvoke</c>, grouped by category so the Ratio column compares the store with raw
/// SQLite at the same batch size.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[IterationTime(250)]
public class HistoryAppendBenchmarks : IDisposable
{
    private const string Tenant = "bench";
    private const string Source = "device:bench";
    private const int TwinCount = 1_000;

    // The writer connection's settings in ConnectionPragmas (journal_mode is set on its own first).
    private const string WriterPragmas = """
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 5000;
        PRAGMA cache_size = -65536;
        """;

    // Same statement as the store's Sql/AppendEvent.sql.
    private const string InsertEvent = """
        INSERT INTO twin_events (tenant_id, twin_id, version, timestamp, kind, payload, source)
        VALUES ($tenant_id, $twin_id, $version, $timestamp, $kind, $payload, $source);
        """;

    private static readonly string[] ParameterNames = ["$tenant_id", "$twin_id", "$version", "$timestamp", "$kind", "$payload", "$source"];
    private static readonly int[] BatchSizes = [1, 100, 1_000, 10_000];
    private static readonly long BaseTicks = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    private readonly Dictionary<int, TwinWrite[]> _buffers = [];
    private TempDirectory _directory = null!;
    private SqliteTwinSpaceStore _store = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _insert = null!;
    private SqliteParameter[] _parameters = null!;
    private string[] _twinIds = null!;
    private string[] _payloads = null!;
    private long _sequence;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = new TempDirectory("history");
        _twinIds = [.. Enumerable.Range(0, TwinCount).Select(i => $"pump-{i:D4}")];
        _payloads = ReportedPatches.Create(alternateTemperature: true);
        foreach (var size in BatchSizes)
        {
            _buffers[size] = new TwinWrite[size];
        }

        _store = await CreateDatabaseAsync(_directory.File("store.db")).ConfigureAwait(false);

        // The baseline's file gets its schema (and tenant row, which events reference) from the store itself.
        var rawPath = _directory.File("raw.db");
        await (await CreateDatabaseAsync(rawPath).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        _raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = rawPath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        _raw.Open();
        using (var pragma = _raw.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL;";
            if (!string.Equals(pragma.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("WAL refused.");
            }

            pragma.CommandText = WriterPragmas;
            pragma.ExecuteNonQuery();
        }

        _insert = _raw.CreateCommand();
        _insert.CommandText = InsertEvent;
        _parameters = [.. ParameterNames.Select(name => _insert.Parameters.Add(new SqliteParameter { ParameterName = name }))];
        _insert.Prepare();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _insert?.Dispose();
        _raw?.Dispose();
        SqliteConnection.ClearAllPools();
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory?.Dispose();
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

    private static async Task<SqliteTwinSpaceStore> CreateDatabaseAsync(string path)
    {
        var store = new SqliteTwinSpaceStore(new SqliteStoreOptions { DatabasePath = path });
        await store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        await store.CreateTenantAsync(new TenantRecord { Id = Tenant, Name = "Benchmark", CreatedAt = new DateTimeOffset(BaseTicks, TimeSpan.Zero) }, CancellationToken.None)
            .ConfigureAwait(false);
        return store;
    }

    /// <summary>Builds the rows as the grain does (one AppendEvent per update) and commits them through the store.</summary>
    private Task StoreCommit(int batch)
    {
        var writes = _buffers[batch];
        for (var i = 0; i < writes.Length; i++)
        {
            var seq = ++_sequence;
            writes[i] = new AppendEvent(Tenant, _twinIds[seq % TwinCount], new TwinEvent
            {
                // The sequence is unique, so (tenant, twin, version) never repeats across invocations.
                Version = seq,
                Timestamp = new DateTimeOffset(BaseTicks + seq, TimeSpan.Zero),
                Kind = TwinEventKind.ReportedPatched,
                Payload = _payloads[seq & (ReportedPatches.Count - 1)],
                Source = Source,
            });
        }

        return _store.CommitAsync(writes, CancellationToken.None);
    }

    /// <summary>The same rows bound straight to one prepared INSERT in one transaction.</summary>
    private void RawInsert(int batch)
    {
        using var transaction = _raw.BeginTransaction();
        _insert.Transaction = transaction;
        for (var i = 0; i < batch; i++)
        {
            var seq = ++_sequence;
            _parameters[0].Value = Tenant;
            _parameters[1].Value = _twinIds[seq % TwinCount];
            _parameters[2].Value = seq;
            _parameters[3].Value = BaseTicks + seq;
            _parameters[4].Value = (long)TwinEventKind.ReportedPatched;
            _parameters[5].Value = _payloads[seq & (ReportedPatches.Count - 1)];
            _parameters[6].Value = Source;
            _insert.ExecuteNonQuery();
        }

        transaction.Commit();
        _insert.Transaction = null;
    }
}
