using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>If-Match carries the version a writer last saw; a stale one is refused.</summary>
public partial class StateEndpointsTests
{
    [Theory]
    [InlineData("reported", """{"vibration":2}""")]
    [InlineData("desired", """{"speed":700}""")]
    public async Task Patch_IfMatchCurrentVersion_Returns200WithTheNextETag(string side, string patch)
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var earlier = await client.PatchDesiredAsync(id, """{"mode":"auto"}""", ifMatch: "\"1\"");

        using var response = await Patch(client, side, id, patch, ifMatch: earlier.Headers.ETag!.Tag);

        Assert.Equal("\"2\"", earlier.Headers.ETag.Tag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"3\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Patch_IfMatchAnyVersion_Returns200()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.PatchReportedAsync(id, """{"vibration":2}""", ifMatch: "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("reported", """{"vibration":2}""")]
    [InlineData("desired", """{"speed":700}""")]
    public async Task Patch_StaleIfMatch_Returns412AndChangesNothing(string side, string patch)
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var other = await client.PatchReportedAsync(id, """{"vibration":1}""");
        var before = await ReadTwinAsync(client, id);

        using var response = await Patch(client, side, id, patch, ifMatch: "\"1\"");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.True(JsonNode.DeepEquals(before, await ReadTwinAsync(client, id)), "A refused patch must change nothing.");
    }

    [Theory]
    [InlineData("reported", "seven")]
    [InlineData("reported", "\"-1\"")]
    [InlineData("desired", "\"1\", \"2\"")]
    [InlineData("desired", "\"\"")]
    public async Task Patch_MalformedIfMatch_Returns400AndChangesNothing(string side, string ifMatch)
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        var before = await ReadTwinAsync(client, id);

        using var response = await Patch(client, side, id, """{"speed":700}""", ifMatch);

        Assert.Equal(["If-Match"], await ProblemAssert.HasErrorsAsync(response));
        Assert.True(JsonNode.DeepEquals(before, await ReadTwinAsync(client, id)), "A refused patch must change nothing.");
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, string side, string id, string patch, string ifMatch) =>
        side == "reported" ? client.PatchReportedAsync(id, patch, ifMatch) : client.PatchDesiredAsync(id, patch, ifMatch);
}
