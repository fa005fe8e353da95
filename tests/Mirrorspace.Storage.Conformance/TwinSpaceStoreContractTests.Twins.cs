using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;
using static Mirrorspace.Storage.Conformance.ContractData;

namespace Mirrorspace.Storage.Conformance;

public abstract partial class TwinSpaceStoreContractTests
{
    [Fact]
    public async Task UpsertTwin_NewTwin_GetReturnsRecord()
    {
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 3)));

        Assert.Equal(Twin(TenantA, "pump-1", 3), await Store.GetTwinAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task UpsertTwin_HigherVersion_ReplacesRow()
    {
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 3)));

        var newer = Twin(TenantA, "pump-1", 7) with { ModelVersion = 3, Snapshot = """{"v":7}""" };
        await CommitAsync(new UpsertTwin(newer));

        Assert.Equal(newer, await Store.GetTwinAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task UpsertTwin_SameVersion_ReplacesRow()
    {
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 3)));

        var rewritten = Twin(TenantA, "pump-1", 3) with { Snapshot = """{"rewritten":true}""" };
        await CommitAsync(new UpsertTwin(rewritten));

        Assert.Equal(rewritten, await Store.GetTwinAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task UpsertTwin_LowerVersion_NeverMovesVersionBack()
    {
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 7)));

        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 5) with { Deleted = true }));

        Assert.Equal(Twin(TenantA, "pump-1", 7), await Store.GetTwinAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task GetTwinAsync_UnknownTwin_ReturnsNull()
    {
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 1)));

        Assert.Null(await Store.GetTwinAsync(TenantA, "pump-2", Ct));
    }

    [Fact]
    public async Task GetTwinAsync_DeletedTwin_ReturnsItWithItsVersion()
    {
        var deleted = Twin(TenantA, "pump-1", 9, deleted: true);
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 8)), new UpsertTwin(deleted));

        Assert.Equal(deleted, await Store.GetTwinAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task ListTwinsAsync_DeletedTwins_AreExcluded()
    {
        await CommitAsync(
            new UpsertTwin(Twin(TenantA, "pump-1", 1)),
            new UpsertTwin(Twin(TenantA, "pump-2", 4, deleted: true)),
            new UpsertTwin(Twin(TenantA, "pump-3", 2)));

        var page = await Store.ListTwinsAsync(TenantA, new PageRequest(10), Ct);

        Assert.Equal([Twin(TenantA, "pump-1", 1), Twin(TenantA, "pump-3", 2)], page.Items);
        Assert.Null(page.NextAfter);
    }

    [Fact]
    public async Task ListTwinsAsync_MoreTwinsThanLimit_WalksAllPagesInOrdinalOrder()
    {
        // Mixed case and punctuation pin the order to ordinal, whatever collation a database defaults to.
        string[] ids = ["pump-10", "Pump-2", "pump-2", "pump:1", "pump.1", "PUMP-1", "a", "Zeta", "z", "0"];
        await CommitAsync([.. ids.Select(id => new UpsertTwin(Twin(TenantA, id, 1)))]);
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-2", 2, deleted: true)));

        var pages = await ListAllTwinPagesAsync(TenantA, limit: 3);

        var expected = ids.Where(id => id != "pump-2").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(t => t.TwinId));
        Assert.Equal(3, pages.Count);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(p.Items[^1].TwinId, p.NextAfter));
        Assert.Null(pages[^1].NextAfter);
    }

    [Fact]
    public async Task ListTwinsAsync_AfterLastId_ReturnsEmptyLastPage()
    {
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 1)));

        var page = await Store.ListTwinsAsync(TenantA, new PageRequest(10, "pump-1"), Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.NextAfter);
    }

    [Fact]
    public async Task ListTwinsAsync_LimitBelowOne_IsClampedToOne()
    {
        await CommitAsync(new UpsertTwin(Twin(TenantA, "pump-1", 1)), new UpsertTwin(Twin(TenantA, "pump-2", 1)));

        var page = await Store.ListTwinsAsync(TenantA, new PageRequest(0), Ct);

        Assert.Equal(["pump-1"], page.Items.Select(t => t.TwinId));
        Assert.Equal("pump-1", page.NextAfter);
    }

    [Fact]
    public async Task ListTwinsAsync_LimitAboveMax_IsClampedToMaxLimit()
    {
        var writes = Enumerable.Range(0, PageRequest.MaxLimit + 1)
            .Select(i => (TwinWrite)new UpsertTwin(Twin(TenantA, $"twin-{i:D5}", 1)))
            .ToArray();
        await CommitAsync(writes);

        var page = await Store.ListTwinsAsync(TenantA, new PageRequest(PageRequest.MaxLimit * 5), Ct);

        Assert.Equal(PageRequest.MaxLimit, page.Items.Count);
        Assert.Equal($"twin-{PageRequest.MaxLimit - 1:D5}", page.NextAfter);
    }
}
