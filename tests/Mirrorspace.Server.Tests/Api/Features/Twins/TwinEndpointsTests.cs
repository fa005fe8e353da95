using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

public partial class TwinEndpointsTests : IClassFixture<MirrorspaceFactory>
{
    private readonly MirrorspaceFactory _factory;

    public TwinEndpointsTests(MirrorspaceFactory factory) => _factory = factory;

    [Fact]
    public async Task Put_NewTwin_Returns201WithTwinETagAndLocation()
    {
        using var client = await OperatorAsync();
        var id = TestIds.Twin("pump");

        using var response = await client.PutTwinAsync(id, SampleModels.CentrifugalPump);

        var twin = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/twins/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(id, twin["id"]?.GetValue<string>());
        Assert.Equal(SampleModels.CentrifugalPump, twin["model"]?.GetValue<string>());
        Assert.Equal(1, twin["modelVersion"]?.GetValue<int>());
        Assert.Equal(1, twin["version"]?.GetValue<long>());
        Assert.Equal(_factory.Clock.GetUtcNow(), twin["createdAt"]?.GetValue<DateTimeOffset>());
        foreach (var member in new[] { "reported", "desired", "delta" })
        {
            Assert.Empty(Assert.IsType<JsonObject>(twin[member]));
        }
    }

    [Fact]
    public async Task Put_WithModelVersion_CreatesTheTwinFromThatVersion()
    {
        using var client = await OperatorAsync();
        var id = TestIds.Twin("pump");

        using var response = await client.PutAsync(
            new Uri($"/api/v1/twins/{id}", UriKind.Relative),
            HttpClientExtensions.Text("""{"model":"centrifugal-pump","modelVersion":1}""", "application/json"),
            TestContext.Current.CancellationToken);

        var twin = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, twin["modelVersion"]?.GetValue<int>());
    }

    [Fact]
    public async Task Put_ExistingTwinSameModel_Returns200AndKeepsIt()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var patch = await client.PatchReportedAsync(id, """{"vibration":2.5}""");

        using var again = await client.PutTwinAsync(id, SampleModels.CentrifugalPump);

        var twin = await again.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, twin["version"]?.GetValue<long>());
        Assert.Equal(2.5, twin["reported"]?["vibration"]?.GetValue<double>());
        Assert.Equal("\"2\"", again.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Put_ExistingTwinOtherModel_Returns409AndKeepsIt()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.PutTwinAsync(id, SampleModels.PumpStation);
        var twin = await client.GetJsonAsync($"/api/v1/twins/{id}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Null(response.Headers.ETag);
        Assert.Equal(SampleModels.CentrifugalPump, twin["model"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"model":"no-such-model"}""", "$.model")]
    [InlineData("""{"model":"centrifugal-pump","modelVersion":2}""", "$.model")]
    [InlineData("""{}""", "$.model")]
    [InlineData("""{"model":7}""", "$.model")]
    [InlineData("""{"model":"Not A Model"}""", "$.model")]
    [InlineData("""{"model":"centrifugal-pump","modelVersion":0}""", "$.modelVersion")]
    [InlineData("""{"model":"centrifugal-pump","modelVersion":1.5}""", "$.modelVersion")]
    [InlineData("""{"model":"centrifugal-pump","modelVersion":"1"}""", "$.modelVersion")]
    [InlineData("""{"model":"centrifugal-pump","reported":{"speed":1}}""", "$.reported")]
    public async Task Put_InvalidRequest_Returns400AndCreatesNothing(string body, string errorPath)
    {
        using var client = await OperatorAsync();
        var id = TestIds.Twin("pump");

        using var response = await client.SendAsync("PUT", $"/api/v1/twins/{id}", body);
        using var read = await client.GetPathAsync($"/api/v1/twins/{id}");

        Assert.Equal([errorPath], await ProblemAssert.HasErrorsAsync(response));
        Assert.Null(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Theory]
    [InlineData("-pump")]
    [InlineData("pump%20one")]
    [InlineData("pump%2Fone")]
    public async Task Put_InvalidTwinId_Returns400(string id)
    {
        using var client = await OperatorAsync();

        using var response = await client.PutTwinAsync(id, SampleModels.CentrifugalPump);

        Assert.Equal(["twinId"], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task Get_ExistingTwin_Returns200WithCurrentStateAndETag()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var patch = await client.PatchReportedAsync(id, """{"serialNumber":"ACME-1"}""");

        using var response = await client.GetPathAsync($"/api/v1/twins/{id}");

        var twin = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal("ACME-1", twin["reported"]?["serialNumber"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("never-created")]
    [InlineData("-invalid")]
    public async Task Get_MissingTwin_Returns404Problem(string id)
    {
        using var client = await OperatorAsync();

        using var response = await client.GetPathAsync($"/api/v1/twins/{id}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<HttpClient> OperatorAsync() => _factory.CreateClient((await _factory.TenantAAsync()).OperatorKey);
}
