using System.Net;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.ApiKeys;

/// <summary>No privilege escalation through issuance: a key never grants more than the key that issued it.</summary>
public sealed partial class ApiKeyEndpointsTests
{
    [Fact]
    public async Task Issue_ClearanceAboveTheIssuers_Returns403NamingTheFieldAndIsAuditedAsDenied()
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer","clearance":"health"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(["$.clearance"], problem["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()));
        var entries = await admin.EntriesAsync("api.post", $"apikey:{TestTenant.KeyIdOf(tenant.AdminKey)}");
        Assert.Contains(entries, e => e["resource"]!.GetValue<string>() == "/api/v1/apikeys" && e["outcome"]!.GetValue<string>() == "denied");
        var keys = await admin.GetJsonAsync("/api/v1/apikeys");
        Assert.Equal(5, keys["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Issue_ByAKeyBoundToAPurpose_MustBindTheSamePurpose()
    {
        var tenant = await factory.CreateTenantAsync();
        var bound = await factory.IssueKeyAsync(tenant.Id, new AccessGrant(TenantRole.Admin, DataClassification.Personal, "treatment", []), lifetime: null);
        using var admin = factory.CreateClient(bound);

        using var unbound = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer"}""");
        using var other = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer","purpose":"research"}""");
        using var same = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer","purpose":"treatment","clearance":"personal"}""");

        await ProblemAssert.IsProblemAsync(unbound, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
    }

    [Fact]
    public async Task Issue_ByAScopedKey_MayNameOnlyItsOwnSelectors()
    {
        var tenant = await factory.CreateTenantAsync();
        var scoped = await factory.IssueKeyAsync(tenant.Id, new AccessGrant(TenantRole.Admin, DataClassification.Proprietary, null, ["twin:pump-1", "twin:pump-2"]), lifetime: null);
        using var admin = factory.CreateClient(scoped);

        using var whole = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer"}""");
        using var wider = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer","scopes":["twin:pump-1","twin:pump-3"]}""");
        using var within = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer","scopes":["twin:pump-2"]}""");

        await ProblemAssert.IsProblemAsync(whole, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(wider, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
    }

    [Fact]
    public async Task Issue_ByALowClearanceAdmin_EveryExcessIsNamed()
    {
        var tenant = await factory.CreateTenantAsync();
        var low = await factory.IssueKeyAsync(tenant.Id, new AccessGrant(TenantRole.Admin, DataClassification.Community, "audit", ["model:pump"]), lifetime: null);
        using var admin = factory.CreateClient(low);

        using var response = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"viewer","clearance":"consortium"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(["$.clearance", "$.purpose", "$.scopes"], problem["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()));
    }
}
