using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Relationships;

/// <summary>The graph walk follows outgoing relationships breadth first, each twin once, to a depth of 1 to 5.</summary>
public partial class RelationshipEndpointsTests
{
    [Fact]
    public async Task Graph_DefaultDepth_ReturnsTheRootAndItsDirectTargets()
    {
        using var client = await OperatorAsync();
        var (station, pumpA, pumpB, reservoir) = await CreateStationAsync(client);

        var graph = await client.GetJsonAsync($"/api/v1/twins/{station}/graph");

        Assert.Equal((station, 1, false), (graph["root"]?.GetValue<string>(), graph["depth"]?.GetValue<int>(), graph["truncated"]?.GetValue<bool>()));
        Assert.Equal(
            [$"{station}:pump-station:0", $"{pumpA}:centrifugal-pump:1", $"{pumpB}:centrifugal-pump:1", $"{reservoir}:reservoir-level-sensor:1"],
            Nodes(graph));
        Assert.Equal([$"{station}-contains->{pumpA}", $"{station}-contains->{pumpB}", $"{station}-monitors->{reservoir}"], Edges(graph));
    }

    [Fact]
    public async Task Graph_DeeperWalk_AddsTheNextLevelsEdgesWithoutRepeatingTwins()
    {
        using var client = await OperatorAsync();
        var (station, pumpA, pumpB, reservoir) = await CreateStationAsync(client);

        var graph = await client.GetJsonAsync($"/api/v1/twins/{station}/graph?depth=2");

        Assert.Equal(2, graph["depth"]?.GetValue<int>());
        Assert.Equal(4, Nodes(graph).Count);
        Assert.Contains($"{reservoir}:reservoir-level-sensor:1", Nodes(graph));
        Assert.Equal(
            [$"{pumpA}-feeds->{reservoir}", $"{station}-contains->{pumpA}", $"{station}-contains->{pumpB}", $"{station}-monitors->{reservoir}"],
            Edges(graph));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(5, 3)]
    public async Task Graph_Chain_StopsAtTheRequestedDepth(int depth, int expectedNodes)
    {
        using var client = await OperatorAsync();
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);
        var pump = await CreateAsync(client, "pump", SampleModels.CentrifugalPump);
        var reservoir = await CreateAsync(client, "reservoir", SampleModels.ReservoirLevelSensor);
        using var contains = await client.PutRelationshipAsync(station, "contains", pump);
        using var feeds = await client.PutRelationshipAsync(pump, "feeds", reservoir);

        var graph = await client.GetJsonAsync($"/api/v1/twins/{station}/graph?depth={depth}");

        string[] chain = [$"{station}:pump-station:0", $"{pump}:centrifugal-pump:1", $"{reservoir}:reservoir-level-sensor:2"];
        Assert.Equal(chain[..expectedNodes], Nodes(graph));
    }

    [Fact]
    public async Task Graph_DeletedTarget_IsNeitherNodeNorEdge()
    {
        using var client = await OperatorAsync();
        var (station, pumpA, pumpB, reservoir) = await CreateStationAsync(client);
        using var delete = await client.DeletePathAsync($"/api/v1/twins/{pumpB}");

        var graph = await client.GetJsonAsync($"/api/v1/twins/{station}/graph");

        Assert.Equal([$"{station}:pump-station:0", $"{pumpA}:centrifugal-pump:1", $"{reservoir}:reservoir-level-sensor:1"], Nodes(graph));
        Assert.DoesNotContain(Edges(graph), e => e.EndsWith(pumpB, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public async Task Graph_DepthOutOfRange_Returns400(int depth)
    {
        using var client = await OperatorAsync();
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);

        using var response = await client.GetPathAsync($"/api/v1/twins/{station}/graph?depth={depth}");

        Assert.Equal(["depth"], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task Graph_MissingOrDeletedRoot_Returns404()
    {
        using var client = await OperatorAsync();
        var deleted = await CreateAsync(client, "station", SampleModels.PumpStation);
        using var delete = await client.DeletePathAsync($"/api/v1/twins/{deleted}");

        foreach (var id in new[] { "never-created", "-invalid", deleted })
        {
            using var response = await client.GetPathAsync($"/api/v1/twins/{id}/graph");

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    private static List<string> Nodes(JsonObject graph) =>
        [.. Assert.IsType<JsonArray>(graph["nodes"]).Select(n => $"{n!["id"]!.GetValue<string>()}:{n["model"]!.GetValue<string>()}:{n["depth"]!.GetValue<int>()}")];

    private static string[] Edges(JsonObject graph) =>
        [.. Assert.IsType<JsonArray>(graph["edges"])
            .Select(e => $"{e!["source"]!.GetValue<string>()}-{e["name"]!.GetValue<string>()}->{e["target"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal)];
}
