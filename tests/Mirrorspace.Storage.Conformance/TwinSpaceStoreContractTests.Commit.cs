using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;
using static Mirrorspace.Storage.Conformance.ContractData;

namespace Mirrorspace.Storage.Conformance;

public abstract partial class TwinSpaceStoreContractTests
{
    [Fact]
    public async Task CommitAsync_EmptyList_Succeeds()
    {
        await CommitAsync();

        Assert.Empty((await Store.ListTwinsAsync(TenantA, new PageRequest(10), Ct)).Items);
    }

    [Fact]
    public async Task CommitAsync_DuplicateVersionWithinBatch_ThrowsAndStoresNothingOfTheBatch()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => CommitAsync(
            new UpsertTwin(Twin(TenantA, "pump-1", 2)),
            Put(TenantA, "pump-1", "feeds", "tank-1"),
            Append(TenantA, "pump-1", 1),
            Append(TenantA, "pump-2", 1),
            Append(TenantA, "pump-1", 1),
            Append(TenantA, "pump-1", 2)));

        Assert.Null(await Store.GetTwinAsync(TenantA, "pump-1", Ct));
        Assert.Empty(await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
        Assert.Empty(await ReadEventsAsync(TenantA, "pump-1"));
        Assert.Empty(await ReadEventsAsync(TenantA, "pump-2"));
    }

    [Fact]
    public async Task CommitAsync_DuplicateOfStoredVersion_ThrowsAndLeavesStoreAsBefore()
    {
        await CommitAsync(
            new UpsertTwin(Twin(TenantA, "pump-1", 1)),
            Append(TenantA, "pump-1", 1),
            Put(TenantA, "pump-1", "feeds", "tank-1"));

        await Assert.ThrowsAnyAsync<Exception>(() => CommitAsync(
            Append(TenantA, "pump-1", 2),
            new UpsertTwin(Twin(TenantA, "pump-1", 2)),
            new RemoveAllRelationships(TenantA, "pump-1"),
            Append(TenantA, "pump-1", Event(1) with { Payload = """{"overwritten":true}""" })));

        Assert.Equal([Event(1)], await ReadEventsAsync(TenantA, "pump-1"));
        Assert.Equal(Twin(TenantA, "pump-1", 1), await Store.GetTwinAsync(TenantA, "pump-1", Ct));
        Assert.Equal([Relationship(TenantA, "pump-1", "feeds", "tank-1")], await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_AfterFailedCommit_AcceptsFurtherWrites()
    {
        await CommitAsync(Append(TenantA, "pump-1", 1));
        await Assert.ThrowsAnyAsync<Exception>(() => CommitAsync(Append(TenantA, "pump-1", 1)));

        await CommitAsync(Append(TenantA, "pump-1", 2));

        Assert.Equal([Event(1), Event(2)], await ReadEventsAsync(TenantA, "pump-1"));
    }

    [Fact]
    public async Task CommitAsync_PutThenRemoveInOneCommit_LeavesNoRelationship()
    {
        await CommitAsync(Put(TenantA, "pump-1", "feeds", "tank-1"), new RemoveRelationship(TenantA, "pump-1", "feeds", "tank-1"));

        Assert.Empty(await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_RemoveAllThenPutInOneCommit_KeepsTheNewRelationship()
    {
        await CommitAsync(Put(TenantA, "pump-1", "feeds", "tank-1"));

        await CommitAsync(new RemoveAllRelationships(TenantA, "pump-1"), Put(TenantA, "pump-1", "feeds", "tank-2"));

        Assert.Equal([Relationship(TenantA, "pump-1", "feeds", "tank-2")], await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_SeveralUpsertsOfOneTwin_KeepsHighestVersion()
    {
        await CommitAsync(
            new UpsertTwin(Twin(TenantA, "pump-1", 1)),
            new UpsertTwin(Twin(TenantA, "pump-1", 3)),
            new UpsertTwin(Twin(TenantA, "pump-1", 2)));

        Assert.Equal(Twin(TenantA, "pump-1", 3), await Store.GetTwinAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_ConcurrentCallers_StoresEveryWrite()
    {
        const int callers = 8;
        const int eventsEach = 50;

        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(
            () => CommitAsync(
            [
                .. Enumerable.Range(1, eventsEach).Select(v => (TwinWrite)Append(TenantA, $"twin-{caller}", v)),
                new UpsertTwin(Twin(TenantA, $"twin-{caller}", eventsEach)),
            ]),
            Ct)));

        for (var caller = 0; caller < callers; caller++)
        {
            Assert.Equal(eventsEach, (await ReadEventsAsync(TenantA, $"twin-{caller}")).Count);
        }

        Assert.Equal(callers, (await Store.ListTwinsAsync(TenantA, new PageRequest(100), Ct)).Items.Count);
    }
}
