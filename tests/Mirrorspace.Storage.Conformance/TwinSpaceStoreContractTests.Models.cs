using Mirrorspace.Storage.Records;
using static Mirrorspace.Storage.Conformance.ContractData;

namespace Mirrorspace.Storage.Conformance;

public abstract partial class TwinSpaceStoreContractTests
{
    [Fact]
    public async Task SaveModelAsync_NewVersion_ReturnsCreated()
    {
        var outcome = await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);

        Assert.Equal(ModelSaveOutcome.Created, outcome);
        Assert.Equal(Model(TenantA, "pump", 1), await Store.GetModelAsync(TenantA, "pump", 1, Ct));
    }

    [Fact]
    public async Task SaveModelAsync_SameVersionSameDocument_ReturnsUnchanged()
    {
        await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);

        var outcome = await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);

        Assert.Equal(ModelSaveOutcome.Unchanged, outcome);
    }

    [Fact]
    public async Task SaveModelAsync_SameVersionDifferentDocument_ReturnsVersionConflictAndKeepsOriginal()
    {
        await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);

        var outcome = await Store.SaveModelAsync(Model(TenantA, "pump", 1, """{"id":"pump","changed":true}"""), Ct);

        Assert.Equal(ModelSaveOutcome.VersionConflict, outcome);
        Assert.Equal(Model(TenantA, "pump", 1), await Store.GetModelAsync(TenantA, "pump", 1, Ct));
    }

    [Fact]
    public async Task SaveModelAsync_NextVersionOfExistingModel_ReturnsCreated()
    {
        await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);

        Assert.Equal(ModelSaveOutcome.Created, await Store.SaveModelAsync(Model(TenantA, "pump", 2), Ct));
    }

    [Fact]
    public async Task GetModelAsync_NullVersion_ReturnsHighestVersion()
    {
        await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);
        await Store.SaveModelAsync(Model(TenantA, "pump", 3), Ct);
        await Store.SaveModelAsync(Model(TenantA, "pump", 2), Ct);

        Assert.Equal(Model(TenantA, "pump", 3), await Store.GetModelAsync(TenantA, "pump", null, Ct));
    }

    [Fact]
    public async Task GetModelAsync_SpecificVersion_ReturnsThatVersion()
    {
        await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);
        await Store.SaveModelAsync(Model(TenantA, "pump", 2), Ct);

        Assert.Equal(Model(TenantA, "pump", 1), await Store.GetModelAsync(TenantA, "pump", 1, Ct));
    }

    [Fact]
    public async Task GetModelAsync_UnknownModelOrVersion_ReturnsNull()
    {
        await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);

        Assert.Null(await Store.GetModelAsync(TenantA, "valve", null, Ct));
        Assert.Null(await Store.GetModelAsync(TenantA, "valve", 1, Ct));
        Assert.Null(await Store.GetModelAsync(TenantA, "pump", 2, Ct));
    }

    [Fact]
    public async Task ListModelsAsync_SeveralVersions_ReturnsOnlyLatestOfEach()
    {
        await Store.SaveModelAsync(Model(TenantA, "valve", 1), Ct);
        await Store.SaveModelAsync(Model(TenantA, "pump", 2), Ct);
        await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);
        await Store.SaveModelAsync(Model(TenantA, "valve", 4), Ct);

        var page = await Store.ListModelsAsync(TenantA, new PageRequest(10), Ct);

        Assert.Equal([Model(TenantA, "pump", 2), Model(TenantA, "valve", 4)], page.Items);
        Assert.Null(page.NextAfter);
    }

    [Fact]
    public async Task ListModelsAsync_MoreModelsThanLimit_WalksAllPagesInOrder()
    {
        foreach (var id in new[] { "e-model", "b-model", "d-model", "a-model", "c-model" })
        {
            await Store.SaveModelAsync(Model(TenantA, id, 1), Ct);
            await Store.SaveModelAsync(Model(TenantA, id, 2), Ct);
        }

        var pages = await ListAllModelPagesAsync(TenantA, limit: 2);

        Assert.Equal(3, pages.Count);
        Assert.Equal(["a-model", "b-model"], pages[0].Items.Select(m => m.ModelId));
        Assert.Equal("b-model", pages[0].NextAfter);
        Assert.Equal(["c-model", "d-model"], pages[1].Items.Select(m => m.ModelId));
        Assert.Equal("d-model", pages[1].NextAfter);
        Assert.Equal(["e-model"], pages[2].Items.Select(m => m.ModelId));
        Assert.Null(pages[2].NextAfter);
        Assert.All(pages.SelectMany(p => p.Items), m => Assert.Equal(2, m.Version));
    }

    [Fact]
    public async Task ListModelsAsync_LastPageExactlyFull_HasNoNextAfter()
    {
        foreach (var id in new[] { "a-model", "b-model", "c-model", "d-model" })
        {
            await Store.SaveModelAsync(Model(TenantA, id, 1), Ct);
        }

        var page = await Store.ListModelsAsync(TenantA, new PageRequest(2, "b-model"), Ct);

        Assert.Equal(["c-model", "d-model"], page.Items.Select(m => m.ModelId));
        Assert.Null(page.NextAfter);
    }

    [Fact]
    public async Task ListModelsAsync_NoModels_ReturnsEmptyLastPage()
    {
        var page = await Store.ListModelsAsync(TenantA, new PageRequest(10), Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.NextAfter);
    }
}
