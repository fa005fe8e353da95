using Mirrorspace.Storage.Records;
using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>Reads see every committed event, whether it still waits in the event log or was moved into the indexed history.</summary>
public sealed class UnindexedTailTests : HistoryStoreTests
{
    [Fact]
    public async Task ReadEventsAsync_EventsNotYetIndexed_AreReadFromTheLog()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, 5), Ct);

        Assert.Equal((5L, 0L), await CountRowsAsync(Database));
        Assert.Equal([Event(1), Event(2), Event(3), Event(4), Event(5)], await ReadAsync(Store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task ReadEventsAsync_AfterIndexing_ReadsTheSameEventsFromTheHistory()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, 5), Ct);

        await Store.IndexHistoryAsync(Ct);

        Assert.Equal((0L, 5L), await CountRowsAsync(Database));
        Assert.Equal([Event(1), Event(2), Event(3), Event(4), Event(5)], await ReadAsync(Store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task ReadEventsAsync_SomeIndexedSomeNot_MergesThemInVersionOrder()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, 4), Ct);
        await Store.IndexHistoryAsync(Ct);
        await Store.CommitAsync(Appends(TenantA, "pump-1", 5, 8), Ct);

        Assert.Equal((4L, 4L), await CountRowsAsync(Database));
        await AssertVersionsAsync([1L, 2, 3, 4, 5, 6, 7, 8], Store, TenantA, "pump-1");
        await AssertVersionsAsync([4L, 5, 6], Store, TenantA, "pump-1", new EventRange { AfterVersion = 3, Limit = 3 });
        await AssertVersionsAsync([3L, 4, 5, 6], Store, TenantA, "pump-1", new EventRange { From = Event(3).Timestamp, To = Event(6).Timestamp });
        await AssertVersionsAsync([5L, 6], Store, TenantA, "pump-1", new EventRange { AfterVersion = 4, To = Event(7).Timestamp, Limit = 2 });
    }

    [Fact]
    public async Task ReadEventsAsync_UnindexedEventsOfOtherTenantsAndTwins_AreNotReturned()
    {
        await Store.CommitAsync([.. Appends(TenantA, "pump-1", 1, 3), .. Appends(TenantB, "pump-1", 1, 2), .. Appends(TenantA, "pump-2", 1, 4)], Ct);

        await AssertVersionsAsync([1L, 2, 3], Store, TenantA, "pump-1");
        await AssertVersionsAsync([1L, 2], Store, TenantB, "pump-1");
        Assert.Empty(await VersionsAsync(Store, TenantB, "pump-2"));
        Assert.All(await ReadAsync(Store, TenantB, "pump-1"), e => Assert.Equal(Event(e.Version), e));
    }

    [Fact]
    public async Task ReadEventsAsync_OtherTenantsEventsIndexedMeanwhile_StillNotReturned()
    {
        await Store.CommitAsync([.. Appends(TenantA, "pump-1", 1, 3)], Ct);
        await Store.IndexHistoryAsync(Ct);
        await Store.CommitAsync([.. Appends(TenantB, "pump-1", 1, 2)], Ct);

        await AssertVersionsAsync([1L, 2, 3], Store, TenantA, "pump-1");
        await AssertVersionsAsync([1L, 2], Store, TenantB, "pump-1");
    }

    [Fact]
    public async Task ReadEventsAsync_IndexedWhileReading_ReadsEveryEventOnce()
    {
        await LogAsync(Store, Appends(TenantA, "pump-1", 1, 50));
        var read = new List<long>();

        await foreach (var e in Store.ReadEventsAsync(TenantA, "pump-1", EventRange.All, Ct))
        {
            read.Add(e.Version);
            if (read.Count == 1)
            {
                await Store.IndexHistoryAsync(Ct);
            }
        }

        Assert.Equal(Enumerable.Range(1, 50).Select(v => (long)v), read);
    }
}
