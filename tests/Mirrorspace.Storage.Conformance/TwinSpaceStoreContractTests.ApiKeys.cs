using Mirrorspace.Storage.Records;
using static Mirrorspace.Storage.Conformance.ContractData;

namespace Mirrorspace.Storage.Conformance;

/// <summary>Managing a tenant's keys: every call names the tenant, and another tenant's key is as absent as a missing one.</summary>
public abstract partial class TwinSpaceStoreContractTests
{
    [Fact]
    public async Task CreateApiKeyAsync_AccessFields_FindReturnsThem()
    {
        var key = ApiKey("acc-0001", TenantA) with
        {
            Clearance = "personal",
            Purpose = "maintenance",
            Scopes = ["model:pump", "twin:pump-1"],
            IssuedBy = "platform:0123456789abcdef",
            BreakGlass = true,
        };
        await Store.CreateApiKeyAsync(key, Ct);

        var found = await Store.FindApiKeyAsync("acc-0001", Ct);

        Assert.NotNull(found);
        Assert.Equal("personal", found.Clearance);
        Assert.Equal("maintenance", found.Purpose);
        Assert.Equal(["model:pump", "twin:pump-1"], found.Scopes);
        Assert.Equal("platform:0123456789abcdef", found.IssuedBy);
        Assert.True(found.BreakGlass);
        Assert.Null(found.RevokedAt);
    }

    [Fact]
    public async Task GetApiKeyAsync_OwnKey_ReturnsIt_OtherTenantsKey_ReturnsNull()
    {
        await Store.CreateApiKeyAsync(ApiKey("get-of-a", TenantA), Ct);

        Assert.Equal("get-of-a", (await Store.GetApiKeyAsync(TenantA, "get-of-a", Ct))?.KeyId);
        Assert.Null(await Store.GetApiKeyAsync(TenantB, "get-of-a", Ct));
        Assert.Null(await Store.GetApiKeyAsync(TenantA, "no-such-key", Ct));
    }

    [Fact]
    public async Task ListApiKeysAsync_KeysOfTwoTenants_ListsOnlyTheTenantsInKeyIdOrder()
    {
        await Store.CreateApiKeyAsync(ApiKey("list-c", TenantA), Ct);
        await Store.CreateApiKeyAsync(ApiKey("list-a", TenantA), Ct);
        await Store.CreateApiKeyAsync(ApiKey("list-b", TenantB), Ct);

        var page = await Store.ListApiKeysAsync(TenantA, new PageRequest(10), Ct);

        Assert.Equal(["list-a", "list-c"], page.Items.Select(k => k.KeyId));
        Assert.Equal(ApiKey("list-a", TenantA).Description, page.Items[0].Description);
        Assert.Null(page.NextAfter);
    }

    [Fact]
    public async Task ListApiKeysAsync_MoreThanAPage_PagesAfterTheLastKeyId()
    {
        foreach (var id in new[] { "page-1", "page-2", "page-3" })
        {
            await Store.CreateApiKeyAsync(ApiKey(id, TenantA), Ct);
        }

        var first = await Store.ListApiKeysAsync(TenantA, new PageRequest(2), Ct);
        var second = await Store.ListApiKeysAsync(TenantA, new PageRequest(2, first.NextAfter), Ct);

        Assert.Equal(["page-1", "page-2"], first.Items.Select(k => k.KeyId));
        Assert.Equal("page-2", first.NextAfter);
        Assert.Equal(["page-3"], second.Items.Select(k => k.KeyId));
        Assert.Null(second.NextAfter);
    }

    [Fact]
    public async Task RevokeApiKeyAsync_OwnKey_FindShowsTheFirstRevocationTime()
    {
        await Store.CreateApiKeyAsync(ApiKey("revoke-me", TenantA), Ct);

        Assert.True(await Store.RevokeApiKeyAsync(TenantA, "revoke-me", BaseTime.AddHours(1), Ct));
        Assert.True(await Store.RevokeApiKeyAsync(TenantA, "revoke-me", BaseTime.AddHours(2), Ct));

        Assert.Equal(BaseTime.AddHours(1).UtcTicks, (await Store.FindApiKeyAsync("revoke-me", Ct))?.RevokedAt?.UtcTicks);
    }

    [Fact]
    public async Task RevokeApiKeyAsync_OtherTenantsKey_ReturnsFalseAndLeavesItLive()
    {
        await Store.CreateApiKeyAsync(ApiKey("not-yours", TenantA), Ct);

        Assert.False(await Store.RevokeApiKeyAsync(TenantB, "not-yours", BaseTime, Ct));
        Assert.False(await Store.RevokeApiKeyAsync(TenantB, "no-such-key", BaseTime, Ct));

        Assert.Null((await Store.FindApiKeyAsync("not-yours", Ct))?.RevokedAt);
    }

    [Fact]
    public async Task ReplacePlatformKeyAsync_SecondKey_RevokesTheFirstAtItsCreation()
    {
        var first = PlatformKey("platform-1", BaseTime);
        var second = PlatformKey("platform-2", BaseTime.AddDays(1));

        await Store.ReplacePlatformKeyAsync(first, Ct);
        await Store.ReplacePlatformKeyAsync(second, Ct);

        var oldKey = await Store.FindPlatformKeyAsync("platform-1", Ct);
        var newKey = await Store.FindPlatformKeyAsync("platform-2", Ct);
        Assert.Equal(second.CreatedAt.UtcTicks, oldKey?.RevokedAt?.UtcTicks);
        Assert.NotNull(newKey);
        Assert.Null(newKey.RevokedAt);
        Assert.Equal(second.SecretHash, newKey.SecretHash);
        Assert.Equal(second.CreatedAt.UtcTicks, newKey.CreatedAt.UtcTicks);
    }

    [Fact]
    public async Task FindPlatformKeyAsync_ATenantKeyId_ReturnsNull()
    {
        await Store.CreateApiKeyAsync(ApiKey("tenant-key", TenantA), Ct);

        Assert.Null(await Store.FindPlatformKeyAsync("tenant-key", Ct));
        Assert.Null(await Store.FindApiKeyAsync("platform-x", Ct));
    }

    private static PlatformKeyRecord PlatformKey(string keyId, DateTimeOffset createdAt) => new()
    {
        KeyId = keyId,
        SecretHash = System.Text.Encoding.UTF8.GetBytes($"hash of {keyId}"),
        CreatedAt = createdAt,
    };
}
