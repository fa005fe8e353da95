using System.Net;
using System.Net.Http.Headers;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth.Oidc;

/// <summary>Bearer tokens of a tenant's identity provider: the mapped role gets in, forgeries and other tenants' tokens do not.</summary>
public sealed class OidcAuthenticationTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    private MirrorspaceFactory Factory => fixture.Factory;

    [Fact]
    public async Task RsaToken_OfAdminGroup_ActsAsAdmin()
    {
        using var client = Factory.CreateClient(fixture.Token(fixture.TenantA, "alice", "plant-admins"));

        var providers = await client.GetJsonAsync("/api/v1/identity-providers");

        Assert.Contains(providers["items"]!.AsArray(), p => p!["id"]!.GetValue<string>() == OidcFixture.ProviderId);
    }

    [Fact]
    public async Task EcToken_OfOperatorGroup_ActsAsOperator_AndNoMore()
    {
        var claims = TokenClaims.For(fixture.Issuer.Issuer, OidcFixture.AudienceOf(fixture.TenantA), Factory.Clock) with { Subject = "olga", Groups = ["plant-ops"] };
        using var client = Factory.CreateClient(TestTokens.Sign(fixture.Issuer.Ec, claims));

        var twin = await client.CreatePumpTwinAsync();
        using var forbidden = await client.GetPathAsync("/api/v1/identity-providers");

        Assert.NotNull(twin);
        await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden);
        using var admin = Factory.CreateClient(fixture.TenantA.AdminKey);
        var entry = await admin.SingleRefusalAsync("auth.forbidden", "oidc:corp:olga");
        Assert.Equal("role operator", entry["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Token_WithSeveralMappedGroups_GetsTheFirstRuleInTheProvidersOrder()
    {
        // The token lists the viewer group first; the provider's rules list admins first, and the rules decide.
        using var client = Factory.CreateClient(fixture.Token(fixture.TenantA, "vera", "plant-viewers", "plant-admins"));

        using var response = await client.GetPathAsync("/api/v1/identity-providers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Forgeries.All), MemberType = typeof(Forgeries))]
    public async Task ForgedToken_IsRefusedWith401_AndAuditedWithoutTheToken(ForgedToken kind)
    {
        var subject = $"forger-{kind}".ToLowerInvariant();
        var token = Forgeries.Make(kind, fixture.Issuer, OidcFixture.AudienceOf(fixture.TenantA), Factory.Clock, subject);
        var reason = $"bearer token: {Forgeries.Reason(kind)}";
        using var admin = Factory.CreateClient(fixture.TenantA.AdminKey);

        // A token without a subject is audited as the provider alone, as another test's subject-less token is: count from here.
        var principal = kind is ForgedToken.MissingSubject ? "oidc:corp" : $"oidc:corp:{subject}";
        var earlier = (await admin.EntriesAsync("auth.reject", principal)).Count(e => e["reason"]?.GetValue<string>() == reason);
        using var client = Factory.CreateClient(token);

        using var response = await client.GetPathAsync("/api/v1/twins");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        if (kind is ForgedToken.WrongIssuer or ForgedToken.WrongAudience)
        {
            // The token names no provider of this tenant: the refusal is the node's to keep, not the tenant's.
            Assert.DoesNotContain(await admin.EntriesAsync(), e => e["reason"]?.GetValue<string>() == reason);
            return;
        }

        var refusals = (await admin.EntriesAsync("auth.reject", principal)).Where(e => e["reason"]?.GetValue<string>() == reason).ToList();
        Assert.Equal(earlier + 1, refusals.Count);
        var entry = refusals[^1];
        Assert.Equal("denied", entry["outcome"]?.GetValue<string>());
        Assert.DoesNotContain(token.Split('.')[1], entry.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>Claims of the wrong type under a genuine signature, and tokens that only look like JWTs: 401, never a 500.</summary>
    [Theory]
    [InlineData("""{"iss":5,"aud":"{aud}","sub":"x","nbf":{nbf},"exp":{exp},"groups":["plant-admins"]}""")]
    [InlineData("""{"iss":"{iss}","aud":{"a":1},"sub":"x","nbf":{nbf},"exp":{exp},"groups":["plant-admins"]}""")]
    [InlineData("""{"iss":"{iss}","aud":"{aud}","sub":"x","nbf":{nbf},"exp":"tomorrow","groups":["plant-admins"]}""")]
    [InlineData("""{"iss":"{iss}","aud":"{aud}","sub":"x","nbf":{nbf},"exp":{exp},"groups":{"plant-admins":true}}""")]
    [InlineData("""{"iss":"{iss}","aud":"{aud}","sub":7,"nbf":{nbf},"exp":{exp},"groups":["plant-admins"]}""")]
    [InlineData("not json at all")]
    public async Task TokenWithMalformedClaims_Is401(string payload)
    {
        var now = Factory.Clock.GetUtcNow();
        var json = payload.Replace("{iss}", fixture.Issuer.Issuer, StringComparison.Ordinal)
            .Replace("{aud}", OidcFixture.AudienceOf(fixture.TenantA), StringComparison.Ordinal)
            .Replace("{nbf}", now.AddMinutes(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{exp}", now.AddMinutes(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var client = Factory.CreateClient(TestTokens.SignRaw(fixture.Issuer.Rsa, json));

        using var response = await client.GetPathAsync("/api/v1/twins");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.")]
    [InlineData("....")]
    [InlineData("a.b.c.d.e")]
    public async Task TokenThatOnlyLooksLikeAJwt_Is401(string token)
    {
        using var client = Factory.CreateClient(token);

        using var response = await client.GetPathAsync("/api/v1/twins");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TenantAsToken_NeverReachesTenantBsData()
    {
        using var adminB = Factory.CreateClient(fixture.TenantB.AdminKey);
        var twinOfB = await adminB.CreatePumpTwinAsync();
        using var client = Factory.CreateClient(fixture.Token(fixture.TenantA, "mallory", "plant-admins"));

        using var read = await client.GetPathAsync($"/api/v1/twins/{twinOfB}");
        var list = await client.GetJsonAsync("/api/v1/twins?limit=1000");

        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        Assert.DoesNotContain(list["items"]!.AsArray(), t => t!["id"]?.GetValue<string>() == twinOfB);
    }

    [Fact]
    public async Task Token_ForBothTenantsAudiences_IsRefused()
    {
        var claims = TokenClaims.For(fixture.Issuer.Issuer, OidcFixture.AudienceOf(fixture.TenantA), Factory.Clock) with
        {
            Subject = "both",
            Audience = new[] { OidcFixture.AudienceOf(fixture.TenantA), OidcFixture.AudienceOf(fixture.TenantB) },
        };
        using var client = Factory.CreateClient(TestTokens.Sign(fixture.Issuer.Rsa, claims));

        using var response = await client.GetPathAsync("/api/v1/twins");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Put_IssuerAndAudienceOfAnotherTenantsProvider_Is409NamingNoTenant()
    {
        using var adminB = Factory.CreateClient(fixture.TenantB.AdminKey);

        using var response = await adminB.SendAsync("PUT", "/api/v1/identity-providers/squat", fixture.Issuer.ProviderDocument(OidcFixture.AudienceOf(fixture.TenantA)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.DoesNotContain(fixture.TenantA.Id, problem.ToJsonString(), StringComparison.Ordinal);
        using var tokenOfA = Factory.CreateClient(fixture.Token(fixture.TenantA));
        await ProblemAssert.IsProblemAsync(await tokenOfA.GetPathAsync($"/api/v1/identity-providers/squat"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletedProvider_ItsTokensStopAtOnce()
    {
        using var admin = Factory.CreateClient(fixture.TenantA.AdminKey);
        var audience = $"temporary-{Guid.NewGuid():N}";
        using (var created = await admin.SendAsync("PUT", "/api/v1/identity-providers/temporary", fixture.Issuer.ProviderDocument(audience)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var client = Factory.CreateClient(TestTokens.Sign(fixture.Issuer.Rsa, TokenClaims.For(fixture.Issuer.Issuer, audience, Factory.Clock)));
        using var before = await client.GetPathAsync("/api/v1/twins");
        using var deleted = await admin.DeletePathAsync("/api/v1/identity-providers/temporary");
        using var after = await client.GetPathAsync("/api/v1/twins");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ClearanceClaim_WhenConfigured_IsRequiredAndMustBeAKnownClass()
    {
        using var admin = Factory.CreateClient(fixture.TenantA.AdminKey);
        var audience = $"cleared-{Guid.NewGuid():N}";
        using (var created = await admin.SendAsync("PUT", "/api/v1/identity-providers/cleared", fixture.Issuer.ProviderDocument(audience, extra: ""","clearanceClaim":"clearance" """)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var claims = TokenClaims.For(fixture.Issuer.Issuer, audience, Factory.Clock);
        using var without = Factory.CreateClient(TestTokens.Sign(fixture.Issuer.Rsa, claims));
        using var unknown = Factory.CreateClient(TestTokens.Sign(fixture.Issuer.Rsa, claims with { Extra = new Dictionary<string, object> { ["clearance"] = "top-secret" } }));
        using var known = Factory.CreateClient(TestTokens.Sign(fixture.Issuer.Rsa, claims with { Extra = new Dictionary<string, object> { ["clearance"] = "public" } }));

        await ProblemAssert.IsProblemAsync(await without.GetPathAsync("/api/v1/twins"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await unknown.GetPathAsync("/api/v1/twins"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await known.GetPathAsync("/api/v1/twins")).StatusCode);
    }

    [Fact]
    public async Task ApiKeys_StillWork_BesideTokens()
    {
        using var client = Factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TenantA.ViewerKey);

        using var response = await client.GetPathAsync("/api/v1/twins");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
