using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>PATCH reported and desired: JSON merge patch, validated against the twin's model.</summary>
public partial class StateEndpointsTests : IClassFixture<MirrorspaceFactory>
{
    private readonly MirrorspaceFactory _factory;

    public StateEndpointsTests(MirrorspaceFactory factory) => _factory = factory;

    [Fact]
    public async Task PatchReported_ValidPatch_Returns200WithNewStateETagAndMetadata()
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateClient(tenant.OperatorKey);
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.PatchReportedAsync(id, """{"vibration":2.5,"mode":"auto","serialNumber":"ACME-7"}""");

        var twin = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal(2, twin["version"]?.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"vibration":2.5,"mode":"auto","serialNumber":"ACME-7"}"""), twin["reported"]));
        var metadata = twin["metadata"]?["reported"]?["vibration"];
        Assert.Equal($"apikey:{TestTenant.KeyIdOf(tenant.OperatorKey)}", metadata?["source"]?.GetValue<string>());
        Assert.Equal(2, metadata?["version"]?.GetValue<long>());
        Assert.Equal(_factory.Clock.GetUtcNow(), metadata?["lastUpdated"]?.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task PatchReported_SuccessivePatches_MergeAndNullRemoves()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var first = await client.PatchReportedAsync(id, """{"vibration":1,"power":10}""");
        using var second = await client.PatchReportedAsync(id, """{"power":12,"serialNumber":"S-1"}""");

        using var third = await client.PatchReportedAsync(id, """{"vibration":null}""");

        var twin = await third.ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"power":12,"serialNumber":"S-1"}"""), twin["reported"]), twin["reported"]?.ToJsonString());
        Assert.False(Assert.IsType<JsonObject>(twin["metadata"]?["reported"]).ContainsKey("vibration"));
        Assert.Equal(4, twin["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task PatchReported_ObjectProperty_MergesNestedMembers()
    {
        using var client = await OperatorAsync();
        var id = TestIds.Twin("station");
        using var created = await client.PutTwinAsync(id, SampleModels.PumpStation);
        using var first = await client.PatchReportedAsync(id, """{"location":{"lat":52.5,"lon":13.4}}""");

        using var second = await client.PatchReportedAsync(id, """{"location":{"lon":13.5,"lat":null,"alt":34}}""");

        var twin = await second.ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"lon":13.5,"alt":34}"""), twin["reported"]?["location"]), twin["reported"]?.ToJsonString());
    }

    [Fact]
    public async Task PatchReported_AsPlainJson_IsAcceptedToo()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/api/v1/twins/{id}/reported", UriKind.Relative))
        {
            Content = HttpClientExtensions.Text("""{"vibration":3}""", "application/json"),
        };

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var twin = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, twin["reported"]?["vibration"]?.GetValue<double>());
    }

    [Fact]
    public async Task PatchDesired_WritableProperties_Returns200WithDesiredState()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.PatchDesiredAsync(id, """{"speed":1500,"mode":"manual"}""");

        var twin = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"speed":1500,"mode":"manual"}"""), twin["desired"]));
        Assert.Empty(Assert.IsType<JsonObject>(twin["reported"]));
        Assert.Equal(2, twin["metadata"]?["desired"]?["speed"]?["version"]?.GetValue<long>());
    }

    [Theory]
    [InlineData("reported")]
    [InlineData("desired")]
    public async Task Patch_MissingOrDeletedTwin_Returns404Problem(string side)
    {
        using var client = await OperatorAsync();
        var deleted = await client.CreatePumpTwinAsync();
        using var delete = await client.DeletePathAsync($"/api/v1/twins/{deleted}");

        foreach (var id in new[] { "never-created", "-invalid", deleted })
        {
            using var response = await client.SendAsync("PATCH", $"/api/v1/twins/{id}/{side}", """{"speed":10}""");

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    private async Task<HttpClient> OperatorAsync() => _factory.CreateClient((await _factory.TenantAAsync()).OperatorKey);

    /// <summary>The twin's state and version, to show a refused request changed neither.</summary>
    private static Task<JsonObject> ReadTwinAsync(HttpClient client, string id) => client.GetJsonAsync($"/api/v1/twins/{id}");
}
