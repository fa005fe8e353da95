using Mirrorspace.Storage.IdentityProviders;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite.IdentityProviders;
using Mirrorspace.Storage.Sqlite.Keys;

namespace Mirrorspace.Storage.Sqlite.Tests.IdentityProviders;

/// <summary>
/// Tenants' identity providers in the node's SQLite file: everything within one tenant but the lookup by issuer,
/// and an issuer and audience pair that names one provider of the whole node, so a token never fits two tenants.
/// </summary>
public sealed class SqliteIdentityProviderStoreTests : IAsyncLifetime
{
    private const string Issuer = "https://login.example.com/realms/plant";
    private static readonly DateTimeOffset Created = new(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

    private readonly TempDatabase _database = new();
    private SqliteIdentityProviderStore _sut = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sut = new SqliteIdentityProviderStore(new SqliteStoreOptions { DatabasePath = _database.FilePath });
        await _sut.InitializeAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _sut.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Put_ThenGet_ReturnsEverySetting_AndAReplaceKeepsTheCreationTime()
    {
        var provider = Provider("tenant-a", "corp", "aud-a");

        Assert.Equal(IdentityProviderSaveOutcome.Created, await _sut.PutAsync(provider, Ct));
        var replacement = provider with { Algorithms = ["ES256"], CreatedAt = Created.AddDays(1), UpdatedAt = Created.AddDays(1), PurposeClaim = null };
        Assert.Equal(IdentityProviderSaveOutcome.Updated, await _sut.PutAsync(replacement, Ct));

        var read = await _sut.GetAsync("tenant-a", "corp", Ct);
        Assert.NotNull(read);
        Assert.Equal(Created, read.CreatedAt);
        Assert.Equal(Created.AddDays(1), read.UpdatedAt);
        Assert.Equal(["ES256"], read.Algorithms);
        Assert.Equal(provider.Roles, read.Roles);
        Assert.Equal((provider.Issuer, provider.Audience, provider.JwksUri, provider.ClockSkew, provider.RoleClaim, provider.ClearanceClaim),
            (read.Issuer, read.Audience, read.JwksUri, read.ClockSkew, read.RoleClaim, read.ClearanceClaim));
        Assert.Null(read.PurposeClaim);
    }

    [Fact]
    public async Task Put_IssuerAndAudienceOfAnotherProvider_IsRefused_InAnyTenant()
    {
        await _sut.PutAsync(Provider("tenant-a", "corp", "shared"), Ct);

        Assert.Equal(IdentityProviderSaveOutcome.IssuerAudienceTaken, await _sut.PutAsync(Provider("tenant-b", "corp", "shared"), Ct));
        Assert.Equal(IdentityProviderSaveOutcome.IssuerAudienceTaken, await _sut.PutAsync(Provider("tenant-a", "other", "shared"), Ct));
        Assert.Null(await _sut.GetAsync("tenant-b", "corp", Ct));

        // The same issuer with another audience is another provider.
        Assert.Equal(IdentityProviderSaveOutcome.Created, await _sut.PutAsync(Provider("tenant-b", "corp", "aud-b"), Ct));
    }

    [Fact]
    public async Task GetListDelete_SeeOnlyTheirTenant_AndFindByIssuerSeesAll()
    {
        await _sut.PutAsync(Provider("tenant-a", "corp", "aud-a"), Ct);
        await _sut.PutAsync(Provider("tenant-b", "corp", "aud-b"), Ct);

        Assert.Null(await _sut.GetAsync("tenant-c", "corp", Ct));
        Assert.Equal(["aud-a"], (await _sut.ListAsync("tenant-a", new PageRequest(10), Ct)).Items.Select(p => p.Audience));
        Assert.False(await _sut.DeleteAsync("tenant-c", "corp", Ct));
        Assert.Equal(["aud-a", "aud-b"], (await _sut.FindByIssuerAsync(Issuer, Ct)).Select(p => p.Audience).Order(StringComparer.Ordinal));
        Assert.Empty(await _sut.FindByIssuerAsync(Issuer + "/", Ct));

        Assert.True(await _sut.DeleteAsync("tenant-a", "corp", Ct));
        Assert.Equal(["aud-b"], (await _sut.FindByIssuerAsync(Issuer, Ct)).Select(p => p.Audience));
    }

    [Fact]
    public async Task EraseTenant_RemovesItsProviders_SoItsTokensNameNoTenant()
    {
        await _sut.PutAsync(Provider("tenant-a", "corp", "aud-a"), Ct);
        await _sut.PutAsync(Provider("tenant-b", "corp", "aud-b"), Ct);
        await using var keys = new SqliteKeyStore(new SqliteStoreOptions { DatabasePath = _database.FilePath });
        await keys.InitializeAsync(Ct);

        await keys.EraseTenantAsync("tenant-a", Ct);

        Assert.Equal(["tenant-b"], (await _sut.FindByIssuerAsync(Issuer, Ct)).Select(p => p.TenantId));
    }

    private static IdentityProviderRecord Provider(string tenantId, string providerId, string audience) => new()
    {
        TenantId = tenantId,
        ProviderId = providerId,
        Issuer = Issuer,
        Audience = audience,
        JwksUri = new Uri("https://login.example.com/realms/plant/certs"),
        Algorithms = ["RS256", "ES256"],
        ClockSkew = TimeSpan.FromSeconds(60),
        RoleClaim = "groups",
        Roles = [new RoleRule("plant-admins", "admin", "personal"), new RoleRule("plant-ops", "operator", "proprietary")],
        ClearanceClaim = "clearance",
        PurposeClaim = "purpose",
        CreatedAt = Created,
        UpdatedAt = Created,
    };
}
