using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;
using static Mirrorspace.Storage.Conformance.ContractData;

namespace Mirrorspace.Storage.Conformance;

/// <summary>Tenant isolation: every read sees only its own tenant's rows, and equal ids never collide.</summary>
public abstract partial class TwinSpaceStoreContractTests
{
    [Fact]
    public async Task EveryRead_DataOnlyInOtherTenant_SeesNothing()
    {
        await SeedTenantAsync(TenantA, "of-a");

        Assert.Null(await Store.GetModelAsync(TenantB, "pump", null, Ct));
        Assert.Null(await Store.GetModelAsync(TenantB, "pump", 1, Ct));
        Assert.Empty((await Store.ListModelsAsync(TenantB, new PageRequest(100), Ct)).Items);
        Assert.Null(await Store.GetTwinAsync(TenantB, "pump-1", Ct));
        Assert.Null(await Store.GetTwinAsync(TenantB, "pump-2", Ct));
        Assert.Empty((await Store.ListTwinsAsync(TenantB, new PageRequest(100), Ct)).Items);
        Assert.Empty(await ReadEventsAsync(TenantB, "pump-1"));
        Assert.Empty(await ReadEventsAsync(TenantB, "pump-1", new EventRange { From = BaseTime, To = BaseTime.AddDays(1) }));
        Assert.Empty(await Store.ListRelationshipsAsync(TenantB, "pump-1", Ct));
        Assert.Empty(await Store.ListRelationshipsAsync(TenantB, "valve-1", Ct));
    }

    [Fact]
    public async Task EveryRead_SameIdsInBothTenants_ReturnsOnlyOwnData()
    {
        await SeedTenantAsync(TenantA, "of-a");
        await SeedTenantAsync(TenantB, "of-b");

        foreach (var (tenant, marker) in new[] { (TenantA, "of-a"), (TenantB, "of-b") })
        {
            Assert.Equal(Model(tenant, "pump", 2, marker), await Store.GetModelAsync(tenant, "pump", null, Ct));
            Assert.Equal(Model(tenant, "pump", 1, marker), await Store.GetModelAsync(tenant, "pump", 1, Ct));
            Assert.Equal([Model(tenant, "pump", 2, marker)], (await Store.ListModelsAsync(tenant, new PageRequest(100), Ct)).Items);
            Assert.Equal(Twin(tenant, "pump-1", 3) with { Snapshot = marker }, await Store.GetTwinAsync(tenant, "pump-1", Ct));
            Assert.Equal(
                [Twin(tenant, "pump-1", 3) with { Snapshot = marker }],
                (await Store.ListTwinsAsync(tenant, new PageRequest(100), Ct)).Items);
            Assert.All(await ReadEventsAsync(tenant, "pump-1"), e => Assert.Equal(marker, e.Source));
            Assert.Equal(3, (await ReadEventsAsync(tenant, "pump-1", new EventRange { From = BaseTime })).Count);
            Assert.Equal([Relationship(tenant, "pump-1", "feeds", "tank-1")], await Store.ListRelationshipsAsync(tenant, "pump-1", Ct));
        }
    }

    [Fact]
    public async Task SaveModelAsync_SameIdAndVersionInOtherTenant_IsJudgedPerTenant()
    {
        Assert.Equal(ModelSaveOutcome.Created, await Store.SaveModelAsync(Model(TenantA, "pump", 1, "doc-a"), Ct));

        Assert.Equal(ModelSaveOutcome.Created, await Store.SaveModelAsync(Model(TenantB, "pump", 1, "doc-b"), Ct));
        Assert.Equal(ModelSaveOutcome.Unchanged, await Store.SaveModelAsync(Model(TenantB, "pump", 1, "doc-b"), Ct));
        Assert.Equal(ModelSaveOutcome.VersionConflict, await Store.SaveModelAsync(Model(TenantB, "pump", 1, "doc-a"), Ct));
        Assert.Equal("doc-a", (await Store.GetModelAsync(TenantA, "pump", 1, Ct))?.Document);
    }

    [Fact]
    public async Task UpsertTwin_SameIdInOtherTenantWithLowerVersion_IsStoredForThatTenant()
    {
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 10)));

        await CommitAsync(new UpsertTwin(Twin(TenantB, "pump-1", 1, deleted: true)));

        Assert.Equal(Twin(TenantB, "pump-1", 1, deleted: true), await Store.GetTwinAsync(TenantB, "pump-1", Ct));
        Assert.Equal(Twin(TenantA, "pump-1", 10), await Store.GetTwinAsync(TenantA, "pump-1", Ct));
        Assert.Single((await Store.ListTwinsAsync(TenantA, new PageRequest(10), Ct)).Items);
    }

    [Fact]
    public async Task AppendEvent_SameTwinAndVersionInOtherTenant_DoesNotConflict()
    {
        await CommitAsync(Append(TenantA, "pump-1", Event(1) with { Payload = "\"a\"" }));

        await CommitAsync(Append(TenantB, "pump-1", Event(1) with { Payload = "\"b\"" }));

        Assert.Equal(["\"a\""], (await ReadEventsAsync(TenantA, "pump-1")).Select(e => e.Payload));
        Assert.Equal(["\"b\""], (await ReadEventsAsync(TenantB, "pump-1")).Select(e => e.Payload));
    }

    [Fact]
    public async Task RemoveAllRelationships_SameTwinIdInOtherTenant_LeavesThisTenantUntouched()
    {
        await CommitAsync(
            Put(TenantA, "pump-1", "feeds", "tank-1"),
            Put(TenantA, "valve-1", "feeds", "pump-1"),
            Put(TenantB, "pump-1", "feeds", "tank-1"),
            Put(TenantB, "valve-1", "feeds", "pump-1"));

        await CommitAsync(new RemoveAllRelationships(TenantB, "pump-1"));

        Assert.Single(await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
        Assert.Single(await Store.ListRelationshipsAsync(TenantA, "valve-1", Ct));
        Assert.Empty(await Store.ListRelationshipsAsync(TenantB, "valve-1", Ct));
    }

    [Fact]
    public async Task RemoveRelationship_SameKeyInOtherTenant_LeavesThisTenantUntouched()
    {
        await CommitAsync(Put(TenantA, "pump-1", "feeds", "tank-1"), Put(TenantB, "pump-1", "feeds", "tank-1"));

        await CommitAsync(new RemoveRelationship(TenantB, "pump-1", "feeds", "tank-1"));

        Assert.Equal([Relationship(TenantA, "pump-1", "feeds", "tank-1")], await Store.ListRelationshipsAsync(TenantA, "pump-1", Ct));
        Assert.Empty(await Store.ListRelationshipsAsync(TenantB, "pump-1", Ct));
    }

    /// <summary>The same ids in every tenant; <paramref name="marker"/> tells whose data a read returned.</summary>
    private async Task SeedTenantAsync(string tenantId, string marker)
    {
        await Store.SaveModelAsync(Model(tenantId, "pump", 1, marker), Ct);
        await Store.SaveModelAsync(Model(tenantId, "pump", 2, marker), Ct);
        await CommitAsync(
            new UpsertTwin(Twin(tenantId, "pump-1", 3) with { Snapshot = marker }),
            new UpsertTwin(Twin(tenantId, "pump-2", 1, deleted: true) with { Snapshot = marker }),
            Append(tenantId, "pump-1", Event(1) with { Source = marker }),
            Append(tenantId, "pump-1", Event(2) with { Source = marker }),
            Append(tenantId, "pump-1", Event(3) with { Source = marker }),
            Put(tenantId, "pump-1", "feeds", "tank-1"),
            Put(tenantId, "valve-1", "feeds", "pump-1"));
    }
}
