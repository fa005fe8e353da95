using static Mirrorspace.Storage.Conformance.ContractData;

namespace Mirrorspace.Storage.Conformance;

public abstract partial class TwinSpaceStoreContractTests
{
    [Fact]
    public async Task CreateTenantAsync_NewId_ReturnsTrueAndStoresRecord()
    {
        var tenant = Tenant("acme-corp", "Acme Corporation");

        Assert.True(await Store.CreateTenantAsync(tenant, Ct));

        Assert.Equal(tenant, await Store.GetTenantAsync("acme-corp", Ct));
    }

    [Fact]
    public async Task CreateTenantAsync_ExistingId_ReturnsFalseAndKeepsOriginal()
    {
        var original = Tenant("acme-corp", "Original");
        await Store.CreateTenantAsync(original, Ct);

        var created = await Store.CreateTenantAsync(Tenant("acme-corp", "Impostor") with { CreatedAt = BaseTime.AddDays(1) }, Ct);

        Assert.False(created);
        Assert.Equal(original, await Store.GetTenantAsync("acme-corp", Ct));
    }

    [Fact]
    public async Task GetTenantAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Store.GetTenantAsync("no-such-tenant", Ct));
    }

    [Fact]
    public async Task ListTenantsAsync_SeveralTenants_ReturnsEveryTenant()
    {
        await Store.CreateTenantAsync(Tenant("tenant-c"), Ct);

        var tenants = await Store.ListTenantsAsync(Ct);

        Assert.Equal(
            [Tenant(TenantA), Tenant(TenantB), Tenant("tenant-c")],
            tenants.OrderBy(t => t.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateApiKeyAsync_FullRecord_FindReturnsEveryField()
    {
        var key = ApiKey("k3yId-0001", TenantA);
        await Store.CreateApiKeyAsync(key, Ct);

        var found = await Store.FindApiKeyAsync("k3yId-0001", Ct);

        Assert.NotNull(found);
        Assert.Equal(key.KeyId, found.KeyId);
        Assert.Equal(key.TenantId, found.TenantId);
        Assert.Equal(key.Role, found.Role);
        Assert.Equal(key.SecretHash, found.SecretHash);
        Assert.Equal(key.CreatedAt.UtcTicks, found.CreatedAt.UtcTicks);
        Assert.Equal(key.ExpiresAt?.UtcTicks, found.ExpiresAt?.UtcTicks);
        Assert.Equal(key.Description, found.Description);
    }

    [Fact]
    public async Task CreateApiKeyAsync_NoExpiryOrDescription_FindReturnsNulls()
    {
        await Store.CreateApiKeyAsync(ApiKey("k3yId-0002", TenantA) with { ExpiresAt = null, Description = null }, Ct);

        var found = await Store.FindApiKeyAsync("k3yId-0002", Ct);

        Assert.NotNull(found);
        Assert.Null(found.ExpiresAt);
        Assert.Null(found.Description);
    }

    [Fact]
    public async Task FindApiKeyAsync_UnknownKey_ReturnsNull()
    {
        await Store.CreateApiKeyAsync(ApiKey("k3yId-0003", TenantA), Ct);

        Assert.Null(await Store.FindApiKeyAsync("k3yId-0004", Ct));
    }

    [Fact]
    public async Task FindApiKeyAsync_KeysOfTwoTenants_EachNamesItsOwnTenant()
    {
        await Store.CreateApiKeyAsync(ApiKey("key-of-a", TenantA), Ct);
        await Store.CreateApiKeyAsync(ApiKey("key-of-b", TenantB), Ct);

        Assert.Equal(TenantA, (await Store.FindApiKeyAsync("key-of-a", Ct))?.TenantId);
        Assert.Equal(TenantB, (await Store.FindApiKeyAsync("key-of-b", Ct))?.TenantId);
    }

    [Fact]
    public async Task InitializeAsync_CalledAgain_KeepsExistingData()
    {
        await Store.SaveModelAsync(Model(TenantA, "pump", 1), Ct);
        await CommitAsync(Append(TenantA, "pump-1", 1));

        await Store.InitializeAsync(Ct);

        Assert.NotNull(await Store.GetTenantAsync(TenantA, Ct));
        Assert.Equal(Model(TenantA, "pump", 1), await Store.GetModelAsync(TenantA, "pump", 1, Ct));
        Assert.Equal([Event(1)], await ReadEventsAsync(TenantA, "pump-1"));
    }
}
