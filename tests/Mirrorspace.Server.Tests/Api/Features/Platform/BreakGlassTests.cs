using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Platform;

/// <summary>
/// Break-glass: the platform administrator reads a tenant only through an explicit grant with a stated reason,
/// read-only and short-lived, announced in the tenant's audit log with every use; the tenant's admins can revoke it.
/// </summary>
public sealed class BreakGlassTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private const string Reason = "incident 4711: pump-7 reports impossible speeds";

    [Fact]
    public async Task Grant_WithAReason_ReadsTheTenantReadOnlyAndEveryUseIsInItsAuditLog()
    {
        var (tenant, twin) = await TenantWithTwinAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        var grant = await GrantAsync(tenant.Id, $$"""{"reason":"{{Reason}}","lifetime":"PT2H"}""");
        using var glass = factory.CreateClient(grant.Text);
        using var read = await glass.GetPathAsync($"/api/v1/twins/{twin}");
        using var write = await glass.PatchDesiredAsync(twin, """{"speed":900}""");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await ProblemAssert.IsProblemAsync(write, HttpStatusCode.Forbidden);
        Assert.Equal("viewer", grant.Key["role"]!.GetValue<string>());
        Assert.Equal(factory.Clock.GetUtcNow().AddHours(2), grant.Key["expiresAt"]!.GetValue<DateTimeOffset>());
        var granted = Assert.Single(await admin.EntriesAsync("breakglass.grant", await PlatformPrincipalAsync()));
        Assert.Equal("success", granted["outcome"]!.GetValue<string>());
        Assert.Contains(Reason, granted["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var uses = await admin.EntriesAsync("breakglass.access", $"breakglass:{grant.KeyId}");
        Assert.Equal([$"GET /api/v1/twins/{twin}", $"PATCH /api/v1/twins/{twin}/desired"], uses.Select(e => e["resource"]!.GetValue<string>()));
        var keys = await admin.GetJsonAsync("/api/v1/apikeys");
        var listed = Assert.Single(keys["items"]!.AsArray(), k => k!["keyId"]!.GetValue<string>() == grant.KeyId)!;
        Assert.True(listed["breakGlass"]!.GetValue<bool>());
        Assert.Equal($"break-glass: {Reason}", listed["description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"lifetime":"PT1H"}""", "$.reason")]
    [InlineData("""{"reason":"debug","lifetime":"PT1H"}""", "$.reason")]
    [InlineData("""{"reason":"                         ","lifetime":"PT1H"}""", "$.reason")]
    [InlineData("""{"reason":"incident 4711: pump-7 reports impossible speeds"}""", "$.lifetime")]
    [InlineData("""{"reason":"incident 4711: pump-7 reports impossible speeds","lifetime":"PT4H1S"}""", "$.lifetime")]
    [InlineData("""{"reason":"incident 4711: pump-7 reports impossible speeds","lifetime":"PT1H","role":"operator"}""", "$.role")]
    [InlineData("""{"reason":"incident 4711: pump-7 reports impossible speeds","lifetime":"PT1H","role":"admin"}""", "$.role")]
    [InlineData("""{"reason":"incident 4711: pump-7 reports impossible speeds","lifetime":"PT1H","scopes":[]}""", "$.scopes")]
    public async Task Grant_WithoutAReasonOrBeyondItsBounds_Returns400IssuesNothingAndTheAttemptIsAudited(string body, string field)
    {
        var (tenant, _) = await TenantWithTwinAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        using var platform = factory.CreateClient(await factory.PlatformAdminKeyAsync());

        using var response = await platform.SendAsync("POST", $"/api/v1/platform/tenants/{tenant.Id}/break-glass", body);

        Assert.Contains(field, await ProblemAssert.HasErrorsAsync(response));
        Assert.Equal(5, (await admin.GetJsonAsync("/api/v1/apikeys"))["items"]!.AsArray().Count);
        var attempt = Assert.Single(await admin.EntriesAsync("breakglass.grant", await PlatformPrincipalAsync()));
        Assert.Equal("denied", attempt["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Grant_ForAnAbsentTenant_Returns404()
    {
        using var platform = factory.CreateClient(await factory.PlatformAdminKeyAsync());

        using var response = await platform.SendAsync("POST", "/api/v1/platform/tenants/no-such-tenant/break-glass", $$"""{"reason":"{{Reason}}","lifetime":"PT1H"}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Grant_AfterItExpires_Gets401AndTheRefusalIsAudited()
    {
        var (tenant, twin) = await TenantWithTwinAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        var grant = await GrantAsync(tenant.Id, $$"""{"reason":"{{Reason}}","lifetime":"PT30M"}""");
        using var glass = factory.CreateClient(grant.Text);
        using (var before = await glass.GetPathAsync($"/api/v1/twins/{twin}"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        using var after = await glass.GetPathAsync($"/api/v1/twins/{twin}");

        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.Equal("expired key", (await admin.SingleRefusalAsync("auth.reject", grant.KeyId))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Grant_RevokedByTheTenantsAdmin_Gets401()
    {
        var (tenant, twin) = await TenantWithTwinAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        var grant = await GrantAsync(tenant.Id, $$"""{"reason":"{{Reason}}","lifetime":"PT1H","role":"auditor"}""");
        using var glass = factory.CreateClient(grant.Text);

        using var revoke = await admin.SendAsync("POST", $"/api/v1/apikeys/{grant.KeyId}/revoke");
        using var after = await glass.GetPathAsync("/api/v1/audit");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.Equal("revoked key", (await admin.SingleRefusalAsync("auth.reject", grant.KeyId))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Grant_ForOneTenant_ReadsNothingOfAnother()
    {
        var (tenant, _) = await TenantWithTwinAsync();
        var (_, otherTwin) = await TenantWithTwinAsync();
        var grant = await GrantAsync(tenant.Id, $$"""{"reason":"{{Reason}}","lifetime":"PT1H"}""");
        using var glass = factory.CreateClient(grant.Text);

        using var response = await glass.GetPathAsync($"/api/v1/twins/{otherTwin}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<(TestTenant Tenant, string Twin)> TenantWithTwinAsync()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(SampleModels.AllFileNames().Where(f => SampleModels.IdOf(f) == SampleModels.CentrifugalPump));
        using var admin = factory.CreateClient(tenant.AdminKey);
        return (tenant, await admin.CreatePumpTwinAsync());
    }

    private async Task<(string Text, string KeyId, JsonObject Key)> GrantAsync(string tenantId, string body)
    {
        using var platform = factory.CreateClient(await factory.PlatformAdminKeyAsync());
        using var response = await platform.SendAsync("POST", $"/api/v1/platform/tenants/{tenantId}/break-glass", body);
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var key = created["key"]!.AsObject();
        return (created["apiKey"]!.GetValue<string>(), key["keyId"]!.GetValue<string>(), key);
    }

    private async Task<string> PlatformPrincipalAsync() => $"platform:{(await factory.PlatformAdminKeyAsync()).Split('_')[1]}";
}
