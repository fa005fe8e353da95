using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>A patch that breaks the model is refused whole, every error listed with its path.</summary>
public partial class StateEndpointsTests
{
    [Theory]
    [InlineData("""{"vibration":"high"}""", "$.vibration")]
    [InlineData("""{"vibration":50.01}""", "$.vibration")]
    [InlineData("""{"vibration":-0.5}""", "$.vibration")]
    [InlineData("""{"vibration":1e400}""", "$.vibration")]
    [InlineData("""{"mode":"turbo"}""", "$.mode")]
    [InlineData("""{"mode":1}""", "$.mode")]
    [InlineData("""{"serialNumber":42}""", "$.serialNumber")]
    [InlineData("""{"colour":"red"}""", "$.colour")]
    public async Task PatchReported_InvalidValue_Returns400AndChangesNothing(string patch, string errorPath)
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var valid = await client.PatchReportedAsync(id, """{"vibration":1}""");
        var before = await ReadTwinAsync(client, id);

        using var response = await client.PatchReportedAsync(id, patch);

        Assert.Equal([errorPath], await ProblemAssert.HasErrorsAsync(response));
        Assert.True(JsonNode.DeepEquals(before, await ReadTwinAsync(client, id)), "A refused patch must change nothing.");
    }

    [Fact]
    public async Task PatchReported_SeveralMistakes_ListsThemAllAndAppliesNone()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.PatchReportedAsync(id, """{"vibration":"x","power":501,"speed":100,"colour":"red"}""");
        var twin = await ReadTwinAsync(client, id);

        Assert.Equal(["$.vibration", "$.power", "$.colour"], await ProblemAssert.HasErrorsAsync(response));
        Assert.Empty(Assert.IsType<JsonObject>(twin["reported"]));
        Assert.Equal(1, twin["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task PatchReported_TemperatureChange_IsRefusedAboveItsMaxRateAndAcceptedAtIt()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var first = await client.PatchReportedAsync(id, """{"temperature":40}""");
        _factory.Clock.Advance(TimeSpan.FromSeconds(5));

        using var tooFast = await client.PatchReportedAsync(id, """{"temperature":50.5}""");
        using var atTheRate = await client.PatchReportedAsync(id, """{"temperature":50}""");

        Assert.Equal(["$.temperature"], await ProblemAssert.HasErrorsAsync(tooFast));
        var twin = await atTheRate.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(50, twin["reported"]?["temperature"]?.GetValue<double>());
    }

    [Fact]
    public async Task PatchReported_TemperatureChangeAtTheSameInstant_Returns400()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        using var first = await client.PatchReportedAsync(id, """{"temperature":40}""");

        using var response = await client.PatchReportedAsync(id, """{"temperature":40.1}""");

        Assert.Equal(["$.temperature"], await ProblemAssert.HasErrorsAsync(response));
    }

    [Theory]
    [InlineData("""{"vibration":3}""", "$.vibration")]
    [InlineData("""{"serialNumber":"S-9"}""", "$.serialNumber")]
    [InlineData("""{"colour":"red"}""", "$.colour")]
    [InlineData("""{"speed":"fast"}""", "$.speed")]
    [InlineData("""{"speed":3600.5}""", "$.speed")]
    [InlineData("""{"speed":-1}""", "$.speed")]
    [InlineData("""{"speed":1e400}""", "$.speed")]
    [InlineData("""{"mode":"turbo"}""", "$.mode")]
    public async Task PatchDesired_UnknownReadOnlyOrInvalid_Returns400AndChangesNothing(string patch, string errorPath)
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        var before = await ReadTwinAsync(client, id);

        using var response = await client.PatchDesiredAsync(id, patch);

        Assert.Equal([errorPath], await ProblemAssert.HasErrorsAsync(response));
        Assert.True(JsonNode.DeepEquals(before, await ReadTwinAsync(client, id)), "A refused patch must change nothing.");
    }

    [Fact]
    public async Task PatchDesired_SeveralMistakes_ListsThemAll()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.PatchDesiredAsync(id, """{"temperature":20,"speed":9000,"mode":"auto","colour":"red"}""");

        Assert.Equal(["$.temperature", "$.speed", "$.colour"], await ProblemAssert.HasErrorsAsync(response));
    }
}
