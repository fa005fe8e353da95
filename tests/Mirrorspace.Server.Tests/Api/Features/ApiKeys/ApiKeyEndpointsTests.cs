using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.ApiKeys;

/// <summary>Admins issue keys (shown once, stored hashed, bounded in lifetime), list and revoke them; revocation is immediate.</summary>
public sealed partial class ApiKeyEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Issue_AsAdmin_ReturnsTheKeyOnceAndItWorksWithItsRole()
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.SendAsync("POST", "/api/v1/apikeys",
            """{"role":"viewer","lifetime":"P30D","scopes":["model:centrifugal-pump","twin:pump-7"],"purpose":"maintenance","description":"dashboard"}""");

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var text = created["apiKey"]!.GetValue<string>();
        var key = created["key"]!.AsObject();
        Assert.StartsWith("msk_", text, StringComparison.Ordinal);
        Assert.Equal(TestTenantKeyId(text), key["keyId"]!.GetValue<string>());
        Assert.Equal("viewer", key["role"]!.GetValue<string>());
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(30), key["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["model:centrifugal-pump", "twin:pump-7"], key["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal($"apikey:{TestTenantKeyId(tenant.AdminKey)}", key["issuedBy"]!.GetValue<string>());
        using var viewer = factory.CreateClient(text);
        using var read = await viewer.GetPathAsync("/api/v1/models");
        using var write = await viewer.PutTwinAsync("issued-viewer-twin", SampleModels.CentrifugalPump);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Issue_NoLifetime_ExpiresAfterTheDefault90Days()
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"operator"}""");

        var key = (await response.ReadJsonAsync(HttpStatusCode.Created))["key"]!;
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(90), key["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("proprietary", key["clearance"]!.GetValue<string>());
    }

    [Fact]
    public async Task Issue_ManyBadFields_ReportsEveryOneWithItsField()
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.SendAsync("POST", "/api/v1/apikeys",
            """{"role":"root","lifetime":"P2Y","clearance":"secret","purpose":"Not A Purpose","scopes":["twin:ok-1","site:x","twin:ok-1"],"tenantId":"other"}""");

        var paths = await ProblemAssert.HasErrorsAsync(response);
        Assert.Equal(
            ["$.clearance", "$.lifetime", "$.purpose", "$.role", "$.scopes[1]", "$.scopes[2]", "$.tenantId"],
            paths.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"role":"viewer","lifetime":"P366D"}""", "$.lifetime")]
    [InlineData("""{"role":"viewer","lifetime":"-P1D"}""", "$.lifetime")]
    [InlineData("""{"role":"viewer","lifetime":"PT0S"}""", "$.lifetime")]
    [InlineData("""{"lifetime":"P1D"}""", "$.role")]
    [InlineData("""{"role":"viewer","scopes":"twin:a"}""", "$.scopes")]
    [InlineData("""{"role":"viewer","description":"line\nbreak"}""", "$.description")]
    public async Task Issue_OneBadField_Returns400NamingIt(string body, string field)
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.SendAsync("POST", "/api/v1/apikeys", body);

        Assert.Equal([field], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task List_AsAuditor_ShowsEveryKeyButNoSecretOrHash()
    {
        var tenant = await factory.CreateTenantAsync();
        using var auditor = factory.CreateClient(tenant.AuditorKey);

        using var response = await auditor.GetPathAsync("/api/v1/apikeys");

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = JsonNode.Parse(text)!["items"]!.AsArray().Select(k => k!["keyId"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        string[] keys = [tenant.AdminKey, tenant.OperatorKey, tenant.ViewerKey, tenant.AnalystKey, tenant.AuditorKey];
        Assert.Equal(keys.Select(TestTenantKeyId).Order(StringComparer.Ordinal), ids);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            Assert.DoesNotContain(key[(key.IndexOf('_', 4) + 1)..], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Revoke_AKeyInUse_TheNextRequestGets401AndBothAreAudited()
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        using var viewer = factory.CreateClient(tenant.ViewerKey);
        var keyId = TestTenantKeyId(tenant.ViewerKey);
        using (var before = await viewer.GetPathAsync("/api/v1/twins"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await admin.SendAsync("POST", $"/api/v1/apikeys/{keyId}/revoke");
        using var after = await viewer.GetPathAsync("/api/v1/twins");

        var revoked = await revoke.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(factory.Clock.GetUtcNow(), revoked["revokedAt"]!.GetValue<DateTimeOffset>());
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
        var rejection = await admin.SingleRefusalAsync("auth.reject", keyId);
        Assert.Equal("revoked key", rejection["reason"]!.GetValue<string>());
        var entries = await admin.EntriesAsync("api.post", $"apikey:{TestTenantKeyId(tenant.AdminKey)}");
        Assert.Contains(entries, e => e["resource"]!.GetValue<string>() == $"/api/v1/apikeys/{keyId}/revoke" && e["outcome"]!.GetValue<string>() == "success");
    }

    [Fact]
    public async Task Revoke_AnotherTenantsKey_Answers404LikeAnAbsentOneAndTheKeyKeepsWorking()
    {
        var tenant = await factory.CreateTenantAsync();
        var other = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        using var victim = factory.CreateClient(other.ViewerKey);

        using var foreign = await admin.SendAsync("POST", $"/api/v1/apikeys/{TestTenantKeyId(other.ViewerKey)}/revoke");
        using var foreignRead = await admin.GetPathAsync($"/api/v1/apikeys/{TestTenantKeyId(other.ViewerKey)}");
        using var absent = await admin.SendAsync("POST", "/api/v1/apikeys/0123456789abcdef/revoke");
        using var stillWorks = await victim.GetPathAsync("/api/v1/twins");

        var foreignProblem = await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(foreignRead, HttpStatusCode.NotFound);
        var absentProblem = await ProblemAssert.IsProblemAsync(absent, HttpStatusCode.NotFound);
        Assert.Equal(absentProblem["title"]!.GetValue<string>(), foreignProblem["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    private static string TestTenantKeyId(string apiKey) => TestTenant.KeyIdOf(apiKey);
}
