using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth.Oidc;

/// <summary>
/// One node, one test issuer, and both tenants trusting that issuer through a provider named <c>corp</c>, each
/// for an audience of its own; tests that change the issuer's keys or the clock make a fixture of their own.
/// </summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public const string ProviderId = "corp";

    public MirrorspaceFactory Factory { get; } = new();

    public TestIssuer Issuer { get; private set; } = null!;

    public TestTenant TenantA { get; private set; } = null!;

    public TestTenant TenantB { get; private set; } = null!;

    public static string AudienceOf(TestTenant tenant) => $"mirrorspace-{tenant?.Id}";

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        TenantA = await Factory.TenantAAsync();
        TenantB = await Factory.TenantBAsync();
        foreach (var tenant in new[] { TenantA, TenantB })
        {
            using var admin = Factory.CreateClient(tenant.AdminKey);
            using var response = await admin.SendAsync("PUT", $"/api/v1/identity-providers/{ProviderId}", Issuer.ProviderDocument(AudienceOf(tenant)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    /// <summary>A genuine token of the issuer for the tenant, with the given groups.</summary>
    public string Token(TestTenant tenant, string subject = "alice", params string[] groups) =>
        TestTokens.Sign(Issuer.Rsa, TokenClaims.For(Issuer.Issuer, AudienceOf(tenant), Factory.Clock) with { Subject = subject, Groups = groups.Length == 0 ? ["plant-admins"] : groups });

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
