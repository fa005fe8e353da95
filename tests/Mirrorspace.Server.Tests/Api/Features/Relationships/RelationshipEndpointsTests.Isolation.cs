using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Relationships;

/// <summary>Tenant B can neither see nor change tenant A's relationships, nor link to A's twins.</summary>
public partial class RelationshipEndpointsTests
{
    [Theory]
    [InlineData("GET", "/api/v1/twins/{station}/relationships")]
    [InlineData("GET", "/api/v1/twins/{station}/relationships/contains/{pump}")]
    [InlineData("DELETE", "/api/v1/twins/{station}/relationships/contains/{pump}")]
    [InlineData("PUT", "/api/v1/twins/{station}/relationships/contains/{pump}")]
    [InlineData("GET", "/api/v1/twins/{station}/graph")]
    [InlineData("GET", "/api/v1/twins/{station}/graph?depth=5")]
    public async Task OtherTenant_RequestOnTheRelationships_Returns404AndChangesNothing(string method, string template)
    {
        using var a = await OperatorAsync();
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var (station, pump) = await LinkStationToPumpAsync(a);
        var before = await a.GetJsonAsync($"/api/v1/twins/{station}/relationships");

        using var response = await b.SendAsync(method, template.Replace("{station}", station, StringComparison.Ordinal).Replace("{pump}", pump, StringComparison.Ordinal));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.True(JsonNode.DeepEquals(before, await a.GetJsonAsync($"/api/v1/twins/{station}/relationships")), "Tenant A's relationships must be unchanged.");
    }

    [Fact]
    public async Task OtherTenant_LinkingItsTwinToTheFirstTenantsTwin_Returns404()
    {
        using var a = await OperatorAsync();
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var pumpOfA = await CreateAsync(a, "pump", SampleModels.CentrifugalPump);
        var stationOfB = await CreateAsync(b, "station", SampleModels.PumpStation);

        using var response = await b.PutRelationshipAsync(stationOfB, "contains", pumpOfA);
        var graph = await b.GetJsonAsync($"/api/v1/twins/{stationOfB}/graph");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Single(Assert.IsType<JsonArray>(graph["nodes"]));
        Assert.Empty(Assert.IsType<JsonArray>(graph["edges"]));
    }
}
