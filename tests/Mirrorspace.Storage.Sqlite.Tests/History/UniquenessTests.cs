using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>(tenant, twin, version) stays unique although the event log has no index on it.</summary>
public sealed class UniquenessTests : HistoryStoreTests
{
    [Fact]
    public async Task CommitAsync_VersionStillInTheLog_FailsAndStoresNothingOfTheCommit()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, 3), Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([Append(TenantA, "pump-2", 1), Append(TenantA, "pump-1", 2, """{"x":1}""")], Ct));

        Assert.Equal([Event(1), Event(2), Event(3)], await ReadAsync(Store, TenantA, "pump-1"));
        Assert.Empty(await ReadAsync(Store, TenantA, "pump-2"));
        Assert.Equal((3L, 0L), await CountRowsAsync(Database));
    }

    [Fact]
    public async Task CommitAsync_VersionAlreadyIndexed_Fails()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, 3), Ct);
        await Store.IndexHistoryAsync(Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([Append(TenantA, "pump-1", 3, """{"x":1}""")], Ct));

        Assert.Equal([Event(1), Event(2), Event(3)], await ReadAsync(Store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task CommitAsync_VersionIndexedByAnEarlierRun_Fails()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, 3), Ct);
        await Store.DisposeAsync();
        Store = await OpenAsync(Database.CreateStoreIndexingOnlyOnRequest(), createTenants: false);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([Append(TenantA, "pump-1", 1, """{"x":1}""")], Ct));
        await Store.CommitAsync([Append(TenantA, "pump-1", 4)], Ct);

        await AssertVersionsAsync([1L, 2, 3, 4], Store, TenantA, "pump-1");
    }

    [Fact]
    public async Task CommitAsync_GapsFilledOutOfOrder_AcceptsEachVersionOnce()
    {
        await Store.CommitAsync([Append(TenantA, "pump-1", 5), Append(TenantA, "pump-1", 2)], Ct);
        await Store.IndexHistoryAsync(Ct);
        await Store.CommitAsync([Append(TenantA, "pump-1", 4), Append(TenantA, "pump-1", 1)], Ct);

        await Store.CommitAsync([Append(TenantA, "pump-1", 3)], Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([Append(TenantA, "pump-1", 4, """{"x":1}""")], Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([Append(TenantA, "pump-1", 2, """{"x":1}""")], Ct));

        Assert.Equal([Event(1), Event(2), Event(3), Event(4), Event(5)], await ReadAsync(Store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task CommitAsync_SameVersionInAnotherTenantOrTwin_IsNoDuplicate()
    {
        await Store.CommitAsync([Append(TenantA, "pump-1", 1), Append(TenantB, "pump-1", 1), Append(TenantA, "pump-2", 1)], Ct);
        await Store.IndexHistoryAsync(Ct);
        await Store.CommitAsync([Append(TenantA, "pump-1", 2), Append(TenantB, "pump-1", 2)], Ct);

        await AssertVersionsAsync([1L, 2], Store, TenantA, "pump-1");
        await AssertVersionsAsync([1L, 2], Store, TenantB, "pump-1");
    }

    [Fact]
    public async Task IndexHistoryAsync_DuplicateAppendedBehindTheStoresBack_KeepsTheFirstAndSetsTheOtherAside()
    {
        // A second store on the same file, opened before the first commits, cannot see the first's tail:
        // the one case where a duplicate reaches the log. The node's data directory lock rules it out.
        await using var other = await OpenAsync(Database.CreateStoreIndexingOnlyOnRequest(), createTenants: false);
        await Store.CommitAsync([Append(TenantA, "pump-1", 1), Append(TenantA, "pump-1", 2)], Ct);
        await other.CommitAsync([Append(TenantA, "pump-1", 1, """{"other":1}"""), Append(TenantA, "pump-1", 2)], Ct);

        await Store.IndexHistoryAsync(Ct);

        Assert.Equal((0L, 2L), await CountRowsAsync(Database));
        Assert.Equal([Event(1), Event(2)], await ReadAsync(Store, TenantA, "pump-1"));
        Assert.Equal("""{"other":1}""", await Database.ScalarAsync("SELECT payload FROM twin_event_conflicts WHERE tenant_id = 'tenant-a';"));
        Assert.Equal(1L, await Database.ScalarAsync("SELECT count(*) FROM twin_event_conflicts;"));
    }
}
