using Mirrorspace.Storage.Writes;
using static Mirrorspace.Storage.Conformance.ContractData;

namespace Mirrorspace.Storage.Conformance;

public abstract partial class TwinSpaceStoreContractTests
{
    [Fact]
    public async Task PutRelationship_New_ListReturnsItExactly()
    {
        await CommitAsync(Put(TenantA, "pump-1", "feeds", "tank-1"));

        Assert.Equal([Relationship(TenantA, "pump-1", "feeds", "tank-1")], await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task PutRelationship_Twice_IsStoredOnceWithFirstCreationTime()
    {
        var first = Relationship(TenantA, "pump-1", "feeds", "tank-1");
        await CommitAsync(new PutRelationship(first));

        await CommitAsync(new PutRelationship(first with { CreatedAt = BaseTime.AddDays(3) }), new PutRelationship(first));

        Assert.Equal([first], await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task ListRelationshipsAsync_SeveralRelationships_OrderedByNameThenTarget()
    {
        await CommitAsync(
            Put(TenantA, "pump-1", "monitors", "tank-1"),
            Put(TenantA, "pump-1", "feeds", "tank-3"),
            Put(TenantA, "pump-1", "feeds", "tank-1"),
            Put(TenantA, "pump-1", "drains", "tank-2"),
            Put(TenantA, "pump-1", "feeds", "tank-2"));

        var listed = await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct);

        Assert.Equal(
            ["drains>tank-2", "feeds>tank-1", "feeds>tank-2", "feeds>tank-3", "monitors>tank-1"],
            listed.Select(r => $"{r.Name}>{r.TargetId}"));
    }

    [Fact]
    public async Task ListRelationshipsAsync_IncomingRelationships_AreNotListed()
    {
        await CommitAsync(Put(TenantA, "valve-1", "feeds", "pump-1"), Put(TenantA, "pump-1", "feeds", "tank-1"));

        var listed = await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct);

        Assert.Equal([Relationship(TenantA, "pump-1", "feeds", "tank-1")], listed);
    }

    [Fact]
    public async Task RemoveRelationship_Existing_RemovesOnlyThatOne()
    {
        await CommitAsync(
            Put(TenantA, "pump-1", "feeds", "tank-1"),
            Put(TenantA, "pump-1", "feeds", "tank-2"),
            Put(TenantA, "pump-1", "drains", "tank-1"));

        await CommitAsync(new RemoveRelationship(TenantA, "pump-1", "feeds", "tank-1"));

        Assert.Equal(
            [Relationship(TenantA, "pump-1", "drains", "tank-1"), Relationship(TenantA, "pump-1", "feeds", "tank-2")],
            await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task RemoveRelationship_Missing_Succeeds()
    {
        await CommitAsync(new RemoveRelationship(TenantA, "pump-1", "feeds", "tank-1"));

        Assert.Empty(await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task RemoveAllRelationships_Twin_RemovesOutgoingAndIncomingOnly()
    {
        await CommitAsync(
            Put(TenantA, "pump-1", "feeds", "tank-1"),
            Put(TenantA, "pump-1", "drains", "tank-2"),
            Put(TenantA, "valve-1", "feeds", "pump-1"),
            Put(TenantA, "valve-1", "feeds", "tank-1"),
            Put(TenantA, "tank-1", "overflows", "tank-2"));

        await CommitAsync(new RemoveAllRelationships(TenantA, "pump-1"));

        Assert.Empty(await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
        Assert.Equal([Relationship(TenantA, "valve-1", "feeds", "tank-1")], await Store.ListRelationshipsAsync(TenantA, "valve-1", Ct));
        Assert.Equal([Relationship(TenantA, "tank-1", "overflows", "tank-2")], await Store.ListRelationshipsAsync(TenantA, "tank-1", Ct));
    }
}
