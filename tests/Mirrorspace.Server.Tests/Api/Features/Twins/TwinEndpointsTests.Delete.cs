using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>Deleting a twin keeps its history; its id can be used again and the version carries on.</summary>
public partial class TwinEndpointsTests
{
    [Fact]
    public async Task Delete_ExistingTwin_Returns204AndTheTwinIsGone()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.DeletePathAsync($"/api/v1/twins/{id}");
        using var read = await client.GetPathAsync($"/api/v1/twins/{id}");
        using var again = await client.DeletePathAsync($"/api/v1/twins/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_AfterDelete_CreatesTheTwinAgainWithItsVersionCarriedOn()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var patch = await client.PatchReportedAsync(id, """{"vibration":1}""");
        using var delete = await client.DeletePathAsync($"/api/v1/twins/{id}");

        using var response = await client.PutTwinAsync(id, SampleModels.PumpStation);

        var twin = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(4, twin["version"]?.GetValue<long>());
        Assert.Equal(SampleModels.PumpStation, twin["model"]?.GetValue<string>());
        Assert.Empty(Assert.IsType<JsonObject>(twin["reported"]));
    }

    [Theory]
    [InlineData("never-created")]
    [InlineData("-invalid")]
    public async Task Delete_MissingTwin_Returns404Problem(string id)
    {
        using var client = await OperatorAsync();

        using var response = await client.DeletePathAsync($"/api/v1/twins/{id}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_WithCurrentIfMatch_Returns204()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var request = WithIfMatch(HttpMethod.Delete, id, "\"1\"");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("\"7\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"one\"", HttpStatusCode.BadRequest)]
    public async Task Delete_WithStaleOrMalformedIfMatch_ReturnsProblemAndKeepsTheTwin(string ifMatch, HttpStatusCode expected)
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var request = WithIfMatch(HttpMethod.Delete, id, ifMatch);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        using var read = await client.GetPathAsync($"/api/v1/twins/{id}");

        await ProblemAssert.IsProblemAsync(response, expected);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string twinId, string ifMatch)
    {
        var request = new HttpRequestMessage(method, new Uri($"/api/v1/twins/{twinId}", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
