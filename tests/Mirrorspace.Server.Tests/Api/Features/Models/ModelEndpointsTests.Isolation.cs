using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Models;

/// <summary>Tenant B never sees tenant A's models, and model ids are per tenant.</summary>
public partial class ModelEndpointsTests
{
    [Fact]
    public async Task Get_OtherTenantsModel_Returns404()
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).AdminKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var id = await PublishTankAsync(a);

        using var latest = await b.GetPathAsync($"/api/v1/models/{id}");
        using var versioned = await b.GetPathAsync($"/api/v1/models/{id}?version=1");

        await ProblemAssert.IsProblemAsync(latest, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(versioned, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_OtherTenant_NeverContainsTheModel()
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).AdminKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var id = await PublishTankAsync(a);

        var inB = await b.GetJsonAsync("/api/v1/models?limit=1000");
        var inA = await a.GetJsonAsync("/api/v1/models?limit=1000");

        Assert.DoesNotContain(id, ModelIds(inB));
        Assert.Contains(id, ModelIds(inA));
    }

    [Fact]
    public async Task Put_SameIdInOtherTenant_Returns201AndLeavesTheFirstTenantsModel()
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).AdminKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var id = await PublishTankAsync(a);

        using var response = await b.PutModelAsync(id, ModelDocuments.Json(id, displayName: "Tenant B's tank"));
        var inA = await a.GetJsonAsync($"/api/v1/models/{id}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Tenant A's tank", inA["document"]?["displayName"]?.GetValue<string>());
    }

    private static async Task<string> PublishTankAsync(HttpClient admin)
    {
        var id = TestIds.Model("tank");
        using var put = await admin.PutModelAsync(id, ModelDocuments.Json(id, displayName: "Tenant A's tank"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return id;
    }

    private static IEnumerable<string> ModelIds(JsonObject page) =>
        Assert.IsType<JsonArray>(page["items"]).Select(m => m!["id"]!.GetValue<string>());
}
