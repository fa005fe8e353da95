using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>(tenant, twin, version) stays unique although the event log has no index on it.</summary>
public sealed class UniquenessTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private SqliteTwinSpaceStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest());

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task CommitAsync_VersionStillInTheLog_FailsAndStoresNothingOfTheCommit()
    {
        await _store.CommitAsync(Appends(TenantA, "pump-1", 1, 3), Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => _store.CommitAsync([Append(TenantA, "pump-2", 1), Append(TenantA, "pump-1", 2, """{"x":1}""")], Ct));

        Assert.Equal([Event(1), Event(2), Event(3)], await ReadAsync(_store, TenantA, "pump-1"));
        Assert.Empty(await ReadAsync(_store, TenantA, "pump-2"));
        Assert.Equal((3L, 0L), await CountRowsAsync(_database));
    }

    [Fact]
    public async Task CommitAsync_VersionAlreadyIndexed_Fails()
    {
        await _store.CommitAsync(Appends(TenantA, "pump-1", 1, 3), Ct);
        await _store.IndexHistoryAsync(Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => _store.CommitAsync([Append(TenantA, "pump-1", 3, """{"x":1}""")], Ct));

        Assert.Equal([Event(1), Event(2), Event(3)], await ReadAsync(_store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task CommitAsync_VersionIndexedByAnEarlierRun_Fails()
    {
        await _store.CommitAsync(Appends(TenantA, "pump-1", 1, 3), Ct);
        await _store.DisposeAsync();
        _store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest(), createTenants: false);

        await Assert.ThrowsAnyAsync<Exception>(() => _store.CommitAsync([Append(TenantA, "pump-1", 1, """{"x":1}""")], Ct));
        await _store.CommitAsync([Append(TenantA, "pump-1", 4)], Ct);

        await AssertVersionsAsync([1L, 2, 3, 4], _store, TenantA, "pump-1");
    }

    [Fact]
    public async Task CommitAsync_GapsFilledOutOfOrder_AcceptsEachVersionOnce()
    {
        await _store.CommitAsync([Append(TenantA, "pump-1", 5), Append(TenantA, "pump-1", 2)], Ct);
        await _store.IndexHistoryAsync(Ct);
        await _store.CommitAsync([Append(TenantA, "pump-1", 4), Append(TenantA, "pump-1", 1)], Ct);

        await _store.CommitAsync([Append(TenantA, "pump-1", 3)], Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => _store.CommitAsync([Append(TenantA, "pump-1", 4, """{"x":1}""")], Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => _store.CommitAsync([Append(TenantA, "pump-1", 2, """{"x":1}""")], Ct));

        Assert.Equal([Event(1), Event(2), Event(3), Event(4), Event(5)], await ReadAsync(_store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task CommitAsync_SameVersionInAnotherTenantOrTwin_IsNoDuplicate()
    {
        await _store.CommitAsync([Append(TenantA, "pump-1", 1), Append(TenantB, "pump-1", 1), Append(TenantA, "pump-2", 1)], Ct);
        await _store.IndexHistoryAsync(Ct);
        await _store.CommitAsync([Append(TenantA, "pump-1", 2), Append(TenantB, "pump-1", 2)], Ct);

        await AssertVersionsAsync([1L, 2], _store, TenantA, "pump-1");
        await AssertVersionsAsync([1L, 2], _store, TenantB, "pump-1");
    }

    [Fact]
    public async Task IndexHistoryAsync_DuplicateAppendedBehindTheStoresBack_KeepsTheFirstAndSetsTheOtherAside()
    {
        // A second store on the same file, opened before the first commits, cannot see the first's tail:
        // the one case where a duplicate reaches the log. The node's data directory lock rules it out.
        await using var other = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest(), createTenants: false);
        await _store.CommitAsync([Append(TenantA, "pump-1", 1), Append(TenantA, "pump-1", 2)], Ct);
        await other.CommitAsync([Append(TenantA, "pump-1", 1, """{"other":1}"""), Append(TenantA, "pump-1", 2)], Ct);

        await _store.IndexHistoryAsync(Ct);

        Assert.Equal((0L, 2L), await CountRowsAsync(_database));
        Assert.Equal([Event(1), Event(2)], await ReadAsync(_store, TenantA, "pump-1"));
        Assert.Equal("""{"other":1}""", await _database.ScalarAsync("SELECT payload FROM twin_event_conflicts WHERE tenant_id = 'tenant-a';"));
        Assert.Equal(1L, await _database.ScalarAsync("SELECT count(*) FROM twin_event_conflicts;"));
    }
}
