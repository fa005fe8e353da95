using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Relationships;

public partial class RelationshipEndpointsTests
{
    [Fact]
    public async Task List_ReturnsTheOutgoingRelationshipsByNameThenTarget()
    {
        using var client = await OperatorAsync();
        var (station, pumpA, pumpB, reservoir) = await CreateStationAsync(client);

        var list = await client.GetJsonAsync($"/api/v1/twins/{station}/relationships");

        Assert.Equal([$"contains/{pumpA}", $"contains/{pumpB}", $"monitors/{reservoir}"], Links(list));
        Assert.All(Assert.IsType<JsonArray>(list["items"]), r => Assert.Equal(station, r!["source"]?.GetValue<string>()));
        Assert.Null(list["next"]);
    }

    [Fact]
    public async Task List_WithLimit_PagesWithNext()
    {
        using var client = await OperatorAsync();
        var (station, pumpA, pumpB, reservoir) = await CreateStationAsync(client);

        var first = await client.GetJsonAsync($"/api/v1/twins/{station}/relationships?limit=2");
        var second = await client.GetJsonAsync($"/api/v1/twins/{station}/relationships?limit=2&after={Uri.EscapeDataString(first["next"]!.GetValue<string>())}");

        Assert.Equal([$"contains/{pumpA}", $"contains/{pumpB}"], Links(first));
        Assert.Equal([$"monitors/{reservoir}"], Links(second));
        Assert.Null(second["next"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task List_LimitOutOfRange_Returns400(int limit)
    {
        using var client = await OperatorAsync();
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);

        using var response = await client.GetPathAsync($"/api/v1/twins/{station}/relationships?limit={limit}");

        Assert.Equal(["limit"], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task List_MissingOrDeletedTwin_Returns404()
    {
        using var client = await OperatorAsync();
        var deleted = await CreateAsync(client, "station", SampleModels.PumpStation);
        using var delete = await client.DeletePathAsync($"/api/v1/twins/{deleted}");

        foreach (var id in new[] { "never-created", "-invalid", deleted })
        {
            using var response = await client.GetPathAsync($"/api/v1/twins/{id}/relationships");

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    /// <summary>A station containing two pumps (ids in that order) and monitoring a reservoir the first pump feeds.</summary>
    private static async Task<(string Station, string PumpA, string PumpB, string Reservoir)> CreateStationAsync(HttpClient client)
    {
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);
        var pumps = TestIds.Twin("pump");
        var pumpA = await CreateAsync(client, "pump", SampleModels.CentrifugalPump, $"{pumps}-a");
        var pumpB = await CreateAsync(client, "pump", SampleModels.CentrifugalPump, $"{pumps}-b");
        var reservoir = await CreateAsync(client, "reservoir", SampleModels.ReservoirLevelSensor);
        foreach (var (source, name, target) in new[] { (station, "monitors", reservoir), (station, "contains", pumpB), (station, "contains", pumpA), (pumpA, "feeds", reservoir) })
        {
            using var response = await client.PutRelationshipAsync(source, name, target);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        return (station, pumpA, pumpB, reservoir);
    }

    private static string[] Links(JsonObject list) =>
        [.. Assert.IsType<JsonArray>(list["items"]).Select(r => $"{r!["name"]!.GetValue<string>()}/{r["target"]!.GetValue<string>()}")];
}
