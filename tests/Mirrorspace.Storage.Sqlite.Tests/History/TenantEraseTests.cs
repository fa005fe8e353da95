using System.Text;
using Mirrorspace.Storage.Sqlite.Keys;
using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>Erasing a tenant removes its events wherever they are: indexed (by the indexer or straight from a commit), in the log, or set aside as conflicts.</summary>
public sealed class TenantEraseTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task EraseTenantAsync_EventsIndexedAndInTheLog_RemovesOnlyThatTenantsEvents()
    {
        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest());
        await store.CommitAsync([.. Appends(TenantA, "pump-1", 1, 3), .. Appends(TenantB, "pump-1", 1, 3)], Ct);
        await store.IndexHistoryAsync(Ct);
        await store.CommitAsync([.. Appends(TenantA, "pump-1", 4, 5), .. Appends(TenantB, "pump-1", 4, 5)], Ct);
        await EraseTenantAAsync();

        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM twin_event_log WHERE tenant_id = 'tenant-a';"));
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM twin_event_chunks WHERE tenant_id = 'tenant-a';"));
        Assert.Empty(await ReadAsync(store, TenantA, "pump-1"));
        await AssertVersionsAsync([1L, 2, 3, 4, 5], store, TenantB, "pump-1");

        await store.IndexHistoryAsync(Ct);
        Assert.Equal((0L, 5L), await CountRowsAsync(_database));
        await AssertVersionsAsync([1L, 2, 3, 4, 5], store, TenantB, "pump-1");
    }

    [Fact]
    public async Task EraseTenantAsync_RunsCommittedStraightIntoChunks_LeaveNoTraceInTheFile()
    {
        const string TwinId = "batched-twin-91c4";
        await using (var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest()))
        {
            await store.CommitAsync([.. Appends(TenantA, TwinId, 1, 100), .. Appends(TenantB, "staying-twin", 1, 100)], Ct);
            Assert.Equal((0L, 200L), await CountRowsAsync(_database));
            await EraseTenantAAsync();
        }

        await AssertNotInTheFileAsync(TwinId);
    }

    [Fact]
    public async Task EraseTenantAsync_EventsMovedThroughTheLog_LeaveNoTraceInTheFile()
    {
        const string TwinId = "leaving-twin-7d3e";
        await using (var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest()))
        {
            await LogAsync(store, [.. Appends(TenantA, TwinId, 1, 50), .. Appends(TenantB, "staying-twin", 1, 50)]);
            await store.IndexHistoryAsync(Ct);
            await store.CommitAsync([.. Appends(TenantA, TwinId, 51, 60)], Ct);
            await EraseTenantAAsync();
        }

        await AssertNotInTheFileAsync(TwinId);
    }

    private async Task EraseTenantAAsync()
    {
        await using var keys = new SqliteKeyStore(new SqliteStoreOptions { DatabasePath = _database.FilePath });
        await keys.InitializeAsync(Ct);
        Assert.True(await keys.EraseTenantAsync(TenantA, Ct));
    }

    /// <summary>The erased tenant's twin id is nowhere in the file, free pages included, while tenant B's twin still is.</summary>
    private async Task AssertNotInTheFileAsync(string erasedTwinId)
    {
        var file = await File.ReadAllBytesAsync(_database.FilePath, Ct);
        Assert.True(file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(erasedTwinId)) < 0, "The erased tenant's twin id is still in the database file.");
        Assert.True(file.AsSpan().IndexOf(Encoding.UTF8.GetBytes("staying-twin")) >= 0, "The scan must be able to find a twin id that is still there.");
    }
}
