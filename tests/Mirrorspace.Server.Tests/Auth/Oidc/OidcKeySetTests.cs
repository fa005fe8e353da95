using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth.Oidc;

/// <summary>
/// The provider's JWKS as the node fetches and keeps it: rotation is picked up by key id, fetches are rate
/// limited, a failing issuer keeps its last good keys only for the grace period, and the fetch follows no
/// redirect and reads no oversized body. These tests move the node's clock, so they have a node of their own;
/// each has its own issuer and provider.
/// </summary>
public sealed class OidcKeySetTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>, IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private string _audience = null!;
    private string _providerId = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _audience = $"keys-{Guid.NewGuid():N}";
        var tenant = await factory.TenantAAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        _providerId = TestIds.Model("keys");
        using var response = await admin.SendAsync("PUT", $"/api/v1/identity-providers/{_providerId}", _issuer.ProviderDocument(_audience));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public ValueTask DisposeAsync() => _issuer.DisposeAsync();

    [Fact]
    public async Task RotatedKey_IsFetchedByItsKeyId_AtMostOncePerInterval()
    {
        var next = TestSigningKey.CreateRsa("rsa-2");
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(_issuer.Rsa));
        _issuer.Publish(next);

        // The set was fetched a moment ago: tokens naming a new key id do not make the node fetch again yet.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(next));
        }

        Assert.Equal(1, _issuer.Fetches);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(next));
        Assert.Equal(2, _issuer.Fetches);

        // The retired key left the set with the rotation.
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(_issuer.Rsa));
    }

    [Fact]
    public async Task FailingJwks_KeepsTheLastGoodKeysForTheGrace_ThenRefusesEveryToken()
    {
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(_issuer.Rsa));
        _issuer.Behaviour = JwksBehaviour.Failing;

        // Past the keys' age (1 h): the refresh fails, the last good keys still serve within the grace (1 h).
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(_issuer.Rsa));
        Assert.Equal(2, _issuer.Fetches);

        // Past age and grace: no keys, so nothing verifies. Never open.
        factory.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(_issuer.Rsa));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(_issuer.Ec));

        // The issuer recovers: the next fetch allowed brings the keys back.
        _issuer.Behaviour = JwksBehaviour.Normal;
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(_issuer.Rsa));
    }

    [Theory]
    [InlineData(JwksBehaviour.Failing)]
    [InlineData(JwksBehaviour.Redirecting)]
    [InlineData(JwksBehaviour.Oversized)]
    public async Task UnusableJwks_FromTheStart_RefusesTokens(JwksBehaviour behaviour)
    {
        // A redirect leads to a real JWKS with the right keys: only not following it refuses the token.
        _issuer.Behaviour = behaviour;

        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(_issuer.Rsa));
        Assert.Equal(1, _issuer.Fetches);
        var tenant = await factory.TenantAAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        var entry = await admin.SingleRefusalAsync("auth.reject", $"oidc:{_providerId}:alice");
        Assert.Equal("bearer token: signing keys unavailable", entry["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task ControlForTheUnusableCases_TheSameTokenPasses_WhenTheJwksAnswers()
    {
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(_issuer.Rsa));
    }

    private async Task<HttpStatusCode> CallWithAsync(TestSigningKey key)
    {
        using var client = factory.CreateClient(TestTokens.Sign(key, TokenClaims.For(_issuer.Issuer, _audience, factory.Clock)));
        using var response = await client.GetPathAsync("/api/v1/identity-providers");
        return response.StatusCode;
    }
}
