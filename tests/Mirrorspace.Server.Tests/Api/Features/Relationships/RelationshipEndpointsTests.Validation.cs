using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Relationships;

/// <summary>A link the model does not declare, or to a twin that is not there, is refused and leaves nothing behind.</summary>
public partial class RelationshipEndpointsTests
{
    [Theory]
    [InlineData("owns", "$.name")]
    [InlineData("feeds", "$.name")]
    [InlineData("1st", "name")]
    public async Task Put_RelationshipTheModelDoesNotDeclare_Returns400(string name, string errorPath)
    {
        using var client = await OperatorAsync();
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);
        var pump = await CreateAsync(client, "pump", SampleModels.CentrifugalPump);

        using var response = await client.PutRelationshipAsync(station, name, pump);

        Assert.Equal([errorPath], await ProblemAssert.HasErrorsAsync(response));
        await AssertNoRelationshipsAsync(client, station);
    }

    [Fact]
    public async Task Put_TargetOfAnotherModel_Returns400()
    {
        using var client = await OperatorAsync();
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);
        var reservoir = await CreateAsync(client, "reservoir", SampleModels.ReservoirLevelSensor);

        using var response = await client.PutRelationshipAsync(station, "contains", reservoir);

        Assert.Equal(["$.target"], await ProblemAssert.HasErrorsAsync(response));
        await AssertNoRelationshipsAsync(client, station);
    }

    [Fact]
    public async Task Put_MissingOrDeletedTarget_Returns404()
    {
        using var client = await OperatorAsync();
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);
        var deleted = await CreateAsync(client, "pump", SampleModels.CentrifugalPump);
        using var delete = await client.DeletePathAsync($"/api/v1/twins/{deleted}");

        foreach (var target in new[] { "never-created", "-invalid", deleted })
        {
            using var response = await client.PutRelationshipAsync(station, "contains", target);

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }

        await AssertNoRelationshipsAsync(client, station);
    }

    [Theory]
    [InlineData("never-created")]
    [InlineData("-invalid")]
    public async Task Put_MissingSource_Returns404(string source)
    {
        using var client = await OperatorAsync();
        var pump = await CreateAsync(client, "pump", SampleModels.CentrifugalPump);

        using var response = await client.PutRelationshipAsync(source, "contains", pump);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static async Task AssertNoRelationshipsAsync(HttpClient client, string twinId)
    {
        var list = await client.GetJsonAsync($"/api/v1/twins/{twinId}/relationships");
        Assert.Empty(Assert.IsType<JsonArray>(list["items"]));
    }
}
