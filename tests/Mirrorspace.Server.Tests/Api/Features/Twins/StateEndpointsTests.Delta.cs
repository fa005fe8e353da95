using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>The delta holds the desired values the device has not reported yet.</summary>
public partial class StateEndpointsTests
{
    [Fact]
    public async Task Delta_DesiredDiffersFromReported_ListsTheDesiredValue()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var reported = await client.PatchReportedAsync(id, """{"speed":1200,"mode":"auto"}""");

        using var desired = await client.PatchDesiredAsync(id, """{"speed":1500,"mode":"auto"}""");

        var twin = await desired.ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"speed":1500}"""), twin["delta"]), twin["delta"]?.ToJsonString());
    }

    [Fact]
    public async Task Delta_ReportedCatchesUp_BecomesEmpty()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var desired = await client.PatchDesiredAsync(id, """{"speed":1500,"mode":"manual"}""");
        using var partly = await client.PatchReportedAsync(id, """{"speed":1500}""");

        using var fully = await client.PatchReportedAsync(id, """{"mode":"manual"}""");

        var afterDesired = await desired.ReadJsonAsync(HttpStatusCode.OK);
        var afterPartly = await partly.ReadJsonAsync(HttpStatusCode.OK);
        var afterFully = await fully.ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"speed":1500,"mode":"manual"}"""), afterDesired["delta"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"mode":"manual"}"""), afterPartly["delta"]));
        Assert.Empty(Assert.IsType<JsonObject>(afterFully["delta"]));
        Assert.Empty(Assert.IsType<JsonObject>((await ReadTwinAsync(client, id))["delta"]));
    }

    [Fact]
    public async Task Delta_DesiredValueRemoved_Disappears()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var desired = await client.PatchDesiredAsync(id, """{"speed":1500}""");

        using var removed = await client.PatchDesiredAsync(id, """{"speed":null}""");

        var twin = await removed.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(Assert.IsType<JsonObject>(twin["desired"]));
        Assert.Empty(Assert.IsType<JsonObject>(twin["delta"]));
    }
}
