using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Sqlite.History;
using Mirrorspace.Storage.Sqlite.Keys;
using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>
/// The indexer groups a batch of the log beside the commits and stores it under the write lock
/// later: what it stores must be what the log holds then, never rows that were erased or moved in
/// between.
/// </summary>
public sealed class PreparedMoveTests : IDisposable
{
    private const int BatchRows = 1_000;

    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task MovePrepared_LogUnchanged_StoresTheGroupedBatch()
    {
        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest());
        await LogAsync(store, [.. Appends(TenantA, "pump-1", 1, 200), .. Appends(TenantB, "pump-1", 1, 5)]);

        var prepared = Prepare();
        var moved = Move(prepared);

        Assert.Equal(prepared.UpToSeq, moved?.UpToSeq);
        Assert.Equal(3, prepared.Batch.Groups.Count);
        Assert.Equal((0L, 205L), await CountRowsAsync(_database));
        Assert.Equal(Enumerable.Range(1, 200).Select(v => (long)v), await VersionsAsync(store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task MovePrepared_TenantErasedInBetween_StoresNoneOfItsEvents()
    {
        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest());
        await store.CommitAsync([.. Appends(TenantA, "pump-1", 1, 20), .. Appends(TenantB, "pump-1", 1, 20)], Ct);
        var prepared = Prepare();
        await using (var keys = new SqliteKeyStore(new SqliteStoreOptions { DatabasePath = _database.FilePath }))
        {
            await keys.InitializeAsync(Ct);
            Assert.True(await keys.EraseTenantAsync(TenantA, Ct));
        }

        Move(prepared);

        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM twin_event_chunks WHERE tenant_id = 'tenant-a';"));
        Assert.Equal(20L, await _database.ScalarAsync("SELECT sum(event_count) FROM twin_event_chunks WHERE tenant_id = 'tenant-b';"));
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM twin_event_log;"));
    }

    [Fact]
    public async Task MovePrepared_RowsMovedInBetween_StoresNothingTwice()
    {
        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest());
        await LogAsync(store, Appends(TenantA, "pump-1", 1, 50));
        var prepared = Prepare();
        await store.IndexHistoryAsync(Ct);
        await store.CommitAsync(Appends(TenantA, "pump-1", 51, 60), Ct);

        Move(prepared);

        Assert.Equal(60L, await _database.ScalarAsync("SELECT sum(event_count) FROM twin_event_chunks;"));
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM twin_event_conflicts;"));
        Assert.Equal(Enumerable.Range(1, 60).Select(v => (long)v), await VersionsAsync(store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task MovePrepared_SeqsReusedAfterTheLogRanEmpty_DeletesNoRowItDidNotStore()
    {
        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest());
        await store.CommitAsync(Appends(TenantA, "pump-1", 1, 10), Ct);
        var prepared = Prepare();
        await store.IndexHistoryAsync(Ct);

        // The log is empty, so SQLite numbers the next rows from 1 again: the seqs the batch was grouped
        // from, with the same count and (the test's times follow the version) the same times.
        await store.CommitAsync(Appends(TenantA, "pump-2", 1, 10), Ct);
        Assert.Equal(1L, await _database.ScalarAsync("SELECT min(seq) FROM twin_event_log;"));

        Move(prepared);

        Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), await VersionsAsync(store, TenantA, "pump-1"));
        Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), await VersionsAsync(store, TenantA, "pump-2"));
        Assert.Equal((0L, 20L), await CountRowsAsync(_database));
    }

    [Fact]
    public async Task MovePrepared_CommitsInBetween_MovesOnlyThePreparedRows()
    {
        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest());
        await store.CommitAsync(Appends(TenantA, "pump-1", 1, 30), Ct);
        var prepared = Prepare();
        await store.CommitAsync(Appends(TenantA, "pump-1", 31, 40), Ct);

        Move(prepared);

        Assert.Equal((10L, 30L), await CountRowsAsync(_database));
        Assert.Equal(Enumerable.Range(1, 40).Select(v => (long)v), await VersionsAsync(store, TenantA, "pump-1"));
    }

    private PreparedMove Prepare()
    {
        using var beside = Open();
        return EventLogIndexing.Prepare(beside, BatchRows) ?? throw new InvalidOperationException("The log is empty.");
    }

    /// <summary>On a write connection of its own, as the indexer would under the store's write lock; the store is idle meanwhile.</summary>
    private IndexedBatch? Move(PreparedMove prepared)
    {
        using var writer = Open();
        return EventLogIndexing.MovePrepared(writer, prepared, BatchRows);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.FilePath, Pooling = false }.ToString());
        connection.Open();
        SqliteQuery.Execute(connection, "PRAGMA busy_timeout = 5000;");
        return connection;
    }
}
