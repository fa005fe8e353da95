using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>Acknowledged events survive a crash before they were indexed, and a normal close indexes them.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task InitializeAsync_CrashedWithUnindexedTail_ReadsEveryAcknowledgedEvent()
    {
        using var crashed = await CommitThenCrashAsync();
        await using var reopened = await OpenAsync(crashed.CreateStoreIndexingOnlyOnRequest(), createTenants: false);

        Assert.Equal((4L, 2L), await CountRowsAsync(crashed));
        Assert.Equal([Event(1), Event(2), Event(3), Event(4), Event(5)], await ReadAsync(reopened, TenantA, "pump-1"));
        await AssertVersionsAsync([1L], reopened, TenantB, "pump-1");
    }

    [Fact]
    public async Task InitializeAsync_CrashedWithUnindexedTail_IndexesItAndStillReadsEverything()
    {
        using var crashed = await CommitThenCrashAsync();
        await using var reopened = await OpenAsync(crashed.CreateStoreIndexingOnlyOnRequest(), createTenants: false);

        await reopened.IndexHistoryAsync(Ct);

        Assert.Equal((0L, 6L), await CountRowsAsync(crashed));
        Assert.Equal([Event(1), Event(2), Event(3), Event(4), Event(5)], await ReadAsync(reopened, TenantA, "pump-1"));
        await AssertVersionsAsync([1L], reopened, TenantB, "pump-1");
    }

    [Fact]
    public async Task CommitAsync_AfterCrash_VersionsOfTheUnindexedTailAreStillTaken()
    {
        using var crashed = await CommitThenCrashAsync();
        await using var reopened = await OpenAsync(crashed.CreateStoreIndexingOnlyOnRequest(), createTenants: false);

        await Assert.ThrowsAnyAsync<Exception>(() => reopened.CommitAsync([Append(TenantA, "pump-1", 4, """{"again":true}""")], Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => reopened.CommitAsync([Append(TenantA, "pump-1", 2, """{"again":true}""")], Ct));
        await reopened.CommitAsync([Append(TenantA, "pump-1", 6)], Ct);

        await AssertVersionsAsync([1L, 2, 3, 4, 5, 6], reopened, TenantA, "pump-1");
    }

    [Fact]
    public async Task InitializeAsync_CrashedWithUnindexedTail_BackgroundIndexerCatchesUp()
    {
        using var crashed = await CommitThenCrashAsync();
        await using var reopened = await OpenAsync(
            new SqliteTwinSpaceStore(new SqliteStoreOptions { DatabasePath = crashed.FilePath, HistoryIndexDelay = TimeSpan.FromMilliseconds(20) }),
            createTenants: false);

        await WaitUntilAsync(() => reopened.HistoryIndexing.UnindexedRows == 0);

        Assert.Equal((0L, 6L), await CountRowsAsync(crashed));
        await AssertVersionsAsync([1L, 2, 3, 4, 5], reopened, TenantA, "pump-1");
    }

    [Fact]
    public async Task DisposeAsync_UnindexedTail_IsIndexedOnClose()
    {
        await using (var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest()))
        {
            await store.CommitAsync(Appends(TenantA, "pump-1", 1, 3), Ct);
            Assert.Equal((3L, 0L), await CountRowsAsync(_database));
        }

        Assert.Equal((0L, 3L), await CountRowsAsync(_database));
        await using var reopened = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest(), createTenants: false);
        await AssertVersionsAsync([1L, 2, 3], reopened, TenantA, "pump-1");
    }

    /// <summary>Versions 1–2 of A/pump-1 indexed; 3–5 and B/pump-1 v1 acknowledged but still in the log when the process dies.</summary>
    private async Task<TempDatabase> CommitThenCrashAsync()
    {
        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest());
        await store.CommitAsync(Appends(TenantA, "pump-1", 1, 2), Ct);
        await store.IndexHistoryAsync(Ct);
        await store.CommitAsync([.. Appends(TenantA, "pump-1", 3, 5), Append(TenantB, "pump-1", 1)], Ct);
        return _database.CopyAsIfCrashed();
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
