using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Relationships;

/// <summary>Relationships are declared by the source's model, which also names the target's model.</summary>
public partial class RelationshipEndpointsTests : IClassFixture<MirrorspaceFactory>
{
    private readonly MirrorspaceFactory _factory;

    public RelationshipEndpointsTests(MirrorspaceFactory factory) => _factory = factory;

    [Fact]
    public async Task Put_DeclaredRelationshipToTwinOfTheRightModel_Returns201WithLocation()
    {
        using var client = await OperatorAsync();
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);
        var pump = await CreateAsync(client, "pump", SampleModels.CentrifugalPump);

        using var response = await client.PutRelationshipAsync(station, "contains", pump);

        var relationship = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/twins/{station}/relationships/contains/{pump}", response.Headers.Location?.OriginalString);
        Assert.Equal((station, "contains", pump), (relationship["source"]?.GetValue<string>(), relationship["name"]?.GetValue<string>(), relationship["target"]?.GetValue<string>()));
        Assert.Equal(_factory.Clock.GetUtcNow(), relationship["createdAt"]?.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Put_SameRelationshipAgain_Returns200WithTheOriginal()
    {
        using var client = await OperatorAsync();
        var (station, pump) = await LinkStationToPumpAsync(client);
        var linkedAt = _factory.Clock.GetUtcNow();
        _factory.Clock.Advance(TimeSpan.FromSeconds(5));

        using var again = await client.PutRelationshipAsync(station, "contains", pump);
        var history = await client.GetJsonAsync($"/api/v1/twins/{station}/history");

        var relationship = await again.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(linkedAt, relationship["createdAt"]?.GetValue<DateTimeOffset>());
        Assert.Single(Assert.IsType<JsonArray>(history["events"]), e => e!["kind"]!.GetValue<string>() == "relationshipAdded");
    }

    [Fact]
    public async Task Get_ExistingRelationship_Returns200()
    {
        using var client = await OperatorAsync();
        var (station, pump) = await LinkStationToPumpAsync(client);

        var relationship = await client.GetJsonAsync($"/api/v1/twins/{station}/relationships/contains/{pump}");

        Assert.Equal(pump, relationship["target"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v1/twins/{station}/relationships/monitors/{pump}")]
    [InlineData("/api/v1/twins/{station}/relationships/contains/{station}")]
    [InlineData("/api/v1/twins/{pump}/relationships/contains/{station}")]
    [InlineData("/api/v1/twins/never-created/relationships/contains/{pump}")]
    [InlineData("/api/v1/twins/-invalid/relationships/contains/{pump}")]
    public async Task Get_MissingRelationship_Returns404Problem(string template)
    {
        using var client = await OperatorAsync();
        var (station, pump) = await LinkStationToPumpAsync(client);

        using var response = await client.GetPathAsync(template.Replace("{station}", station, StringComparison.Ordinal).Replace("{pump}", pump, StringComparison.Ordinal));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_ExistingRelationship_Returns204AndItIsGone()
    {
        using var client = await OperatorAsync();
        var (station, pump) = await LinkStationToPumpAsync(client);

        using var response = await client.DeletePathAsync($"/api/v1/twins/{station}/relationships/contains/{pump}");
        using var read = await client.GetPathAsync($"/api/v1/twins/{station}/relationships/contains/{pump}");
        using var again = await client.DeletePathAsync($"/api/v1/twins/{station}/relationships/contains/{pump}");
        var list = await client.GetJsonAsync($"/api/v1/twins/{station}/relationships");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        Assert.Empty(Assert.IsType<JsonArray>(list["items"]));
    }

    [Theory]
    [InlineData("/api/v1/twins/never-created/relationships/contains/{pump}")]
    [InlineData("/api/v1/twins/-invalid/relationships/contains/{pump}")]
    public async Task Delete_UnknownSource_Returns404Problem(string template)
    {
        using var client = await OperatorAsync();
        var pump = await CreateAsync(client, "pump", SampleModels.CentrifugalPump);

        using var response = await client.DeletePathAsync(template.Replace("{pump}", pump, StringComparison.Ordinal));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteTwin_EitherEnd_RemovesItsRelationships()
    {
        using var client = await OperatorAsync();
        var (station, pump) = await LinkStationToPumpAsync(client);
        var reservoir = await CreateAsync(client, "reservoir", SampleModels.ReservoirLevelSensor);
        using var feeds = await client.PutRelationshipAsync(pump, "feeds", reservoir);

        using var deletePump = await client.DeletePathAsync($"/api/v1/twins/{pump}");
        using var recreate = await client.PutTwinAsync(pump, SampleModels.CentrifugalPump);
        var ofStation = await client.GetJsonAsync($"/api/v1/twins/{station}/relationships");
        var ofPump = await client.GetJsonAsync($"/api/v1/twins/{pump}/relationships");

        Assert.Equal(HttpStatusCode.Created, feeds.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recreate.StatusCode);
        Assert.Empty(Assert.IsType<JsonArray>(ofStation["items"]));
        Assert.Empty(Assert.IsType<JsonArray>(ofPump["items"]));
    }

    private async Task<HttpClient> OperatorAsync() => _factory.CreateClient((await _factory.TenantAAsync()).OperatorKey);

    private static async Task<string> CreateAsync(HttpClient client, string prefix, string model, string? id = null)
    {
        id ??= TestIds.Twin(prefix);
        using var response = await client.PutTwinAsync(id, model);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private static async Task<(string Station, string Pump)> LinkStationToPumpAsync(HttpClient client)
    {
        var station = await CreateAsync(client, "station", SampleModels.PumpStation);
        var pump = await CreateAsync(client, "pump", SampleModels.CentrifugalPump);
        using var response = await client.PutRelationshipAsync(station, "contains", pump);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (station, pump);
    }
}
