using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>The indexer moves the log into the history on its own, in batches, while commits and reads go on.</summary>
public sealed class BackgroundIndexerTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CommitAsync_TailReachesABatch_IsIndexedInBatchesWithoutWaitingForTheDelay()
    {
        await using var store = await OpenAsync(new SqliteTwinSpaceStore(new SqliteStoreOptions
        {
            DatabasePath = _database.FilePath,
            HistoryIndexBatchRows = 10,
            HistoryIndexDelay = Timeout.InfiniteTimeSpan,
        }));

        // One commit of 34 after a first row: with a row in the log the run joins it, and one wake-up makes the batches.
        await store.CommitAsync([Append(TenantA, "pump-1", 1)], Ct);
        await store.CommitAsync(Appends(TenantA, "pump-1", 2, 35), Ct);
        await WaitUntilAsync(() => store.HistoryIndexing.Batches == 3);

        var stats = store.HistoryIndexing;
        Assert.Equal(3, stats.Batches);
        Assert.Equal(30, stats.RowsIndexed);
        Assert.Equal((5L, 30L), await CountRowsAsync(_database));
        Assert.Equal(Enumerable.Range(1, 35).Select(v => (long)v), await VersionsAsync(store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task CommitAsync_ShortTail_IsIndexedAfterTheDelay()
    {
        await using var store = await OpenAsync(new SqliteTwinSpaceStore(new SqliteStoreOptions
        {
            DatabasePath = _database.FilePath,
            HistoryIndexDelay = TimeSpan.FromMilliseconds(20),
        }));

        await store.CommitAsync(Appends(TenantA, "pump-1", 1, 3), Ct);
        await WaitUntilAsync(() => store.HistoryIndexing.UnindexedRows == 0);

        Assert.Equal((0L, 3L), await CountRowsAsync(_database));
    }

    [Fact]
    public async Task CommitAsync_WhileTheIndexerRuns_EveryEventStaysReadable()
    {
        await using var store = await OpenAsync(new SqliteTwinSpaceStore(new SqliteStoreOptions
        {
            DatabasePath = _database.FilePath,
            HistoryIndexBatchRows = 7,
            HistoryIndexDelay = TimeSpan.FromMilliseconds(1),
        }));

        for (var version = 1L; version <= 60; version++)
        {
            await store.CommitAsync([Append(TenantA, "pump-1", version), Append(TenantB, "pump-1", version)], Ct);
            Assert.Equal(version, (await VersionsAsync(store, TenantA, "pump-1")).Length);
        }

        Assert.Equal(Enumerable.Range(1, 60).Select(v => (long)v), await VersionsAsync(store, TenantA, "pump-1"));
        Assert.Equal(Enumerable.Range(1, 60).Select(v => (long)v), await VersionsAsync(store, TenantB, "pump-1"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Waits for the background thread, not for a deadline: the bound only keeps a broken indexer from hanging the run.
        for (var i = 0; i < 3_000 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.True(condition());
    }
}
