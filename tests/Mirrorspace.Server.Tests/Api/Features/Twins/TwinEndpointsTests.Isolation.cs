using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>Tenant B's key, even an admin's, finds none of tenant A's twins: 404, never 403, never data.</summary>
public partial class TwinEndpointsTests
{
    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "?at={now}")]
    [InlineData("DELETE", "")]
    [InlineData("PATCH", "/reported")]
    [InlineData("PATCH", "/desired")]
    public async Task OtherTenant_AnyRequestOnTheTwin_Returns404AndChangesNothing(string method, string suffix)
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).AdminKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var id = await a.CreatePumpTwinAsync();
        var before = await a.GetJsonAsync($"/api/v1/twins/{id}");
        var now = Uri.EscapeDataString(_factory.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var path = $"/api/v1/twins/{id}{suffix.Replace("{now}", now, StringComparison.Ordinal)}";

        using var response = await b.SendAsync(method, path, method == "PATCH" ? """{"speed":100}""" : null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.True(JsonNode.DeepEquals(before, await a.GetJsonAsync($"/api/v1/twins/{id}")), "Tenant A's twin must be unchanged.");
    }

    [Fact]
    public async Task OtherTenant_List_NeverContainsTheTwin()
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).AdminKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var id = await a.CreatePumpTwinAsync();

        var inB = await b.GetJsonAsync("/api/v1/twins?limit=1000");
        var inA = await a.GetJsonAsync("/api/v1/twins?limit=1000");

        Assert.DoesNotContain(id, TwinIds(inB));
        Assert.Contains(id, TwinIds(inA));
    }

    [Fact]
    public async Task OtherTenant_PutWithModelOnlyTheFirstTenantHas_Returns400()
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).AdminKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var modelId = TestIds.Model("tank");
        using var publish = await a.PutModelAsync(modelId, ModelDocuments.Json(modelId));

        using var response = await b.PutTwinAsync(TestIds.Twin("tank"), modelId);

        Assert.Equal(HttpStatusCode.Created, publish.StatusCode);
        Assert.Equal(["$.model"], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task OtherTenant_PutSameTwinId_CreatesItsOwnTwinAndLeavesTheFirst()
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).AdminKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var id = await a.CreatePumpTwinAsync();
        using var patch = await a.PatchReportedAsync(id, """{"vibration":7}""");

        using var response = await b.PutTwinAsync(id, SampleModels.PumpStation);
        var inA = await a.GetJsonAsync($"/api/v1/twins/{id}");

        var inB = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, inB["version"]?.GetValue<long>());
        Assert.Empty(Assert.IsType<JsonObject>(inB["reported"]));
        Assert.Equal((SampleModels.CentrifugalPump, 7d), (inA["model"]?.GetValue<string>(), inA["reported"]?["vibration"]?.GetValue<double>()));
    }
}
