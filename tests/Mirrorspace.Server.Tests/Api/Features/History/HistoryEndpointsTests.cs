using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.History;

/// <summary>A twin's raw events, oldest first, paged by version.</summary>
public partial class HistoryEndpointsTests : IClassFixture<MirrorspaceFactory>
{
    private readonly MirrorspaceFactory _factory;

    public HistoryEndpointsTests(MirrorspaceFactory factory) => _factory = factory;

    [Fact]
    public async Task Get_NoProperty_ReturnsEveryEventOldestFirst()
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateClient(tenant.OperatorKey);
        var start = _factory.Clock.GetUtcNow();
        var id = await client.CreatePumpTwinAsync();
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"vibration":1}"""));
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchDesiredAsync(id, """{"speed":900}"""));

        var history = await client.GetJsonAsync($"/api/v1/twins/{id}/history");

        Assert.Equal(id, history["twinId"]?.GetValue<string>());
        Assert.Null(history["next"]);
        var events = Assert.IsType<JsonArray>(history["events"]);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e!["version"]!.GetValue<long>()));
        Assert.Equal(["created", "reportedPatched", "desiredPatched"], events.Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal([start, start.AddSeconds(1), start.AddSeconds(2)], events.Select(e => e!["timestamp"]!.GetValue<DateTimeOffset>()));
        Assert.All(events, e => Assert.Equal($"apikey:{TestTenant.KeyIdOf(tenant.OperatorKey)}", e!["source"]?.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"model":"centrifugal-pump","modelVersion":1}"""), events[0]!["payload"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"vibration":1}"""), events[1]!["payload"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"speed":900}"""), events[2]!["payload"]));
    }

    [Fact]
    public async Task Get_WithLimit_PagesThroughTheEventsWithNext()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        for (var i = 1; i <= 4; i++)
        {
            await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, $$"""{"vibration":{{i}}}"""));
        }

        var pages = new List<long[]>();
        string? after = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/twins/{id}/history?limit=2{(after is null ? "" : $"&after={after}")}");
            pages.Add([.. Assert.IsType<JsonArray>(page["events"]).Select(e => e!["version"]!.GetValue<long>())]);
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null && pages.Count < 10);

        Assert.Equal([[1L, 2L], [3L, 4L], [5L]], pages);
    }

    [Fact]
    public async Task Get_FromTo_ReturnsOnlyTheEventsInThatInclusiveRange()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        var instants = new List<DateTimeOffset>();
        for (var i = 1; i <= 3; i++)
        {
            await StepAsync(TimeSpan.FromSeconds(10), () => client.PatchReportedAsync(id, $$"""{"vibration":{{i}}}"""));
            instants.Add(_factory.Clock.GetUtcNow());
        }

        var history = await client.GetJsonAsync($"/api/v1/twins/{id}/history?from={Instant(instants[0])}&to={Instant(instants[1])}");
        var fromOnly = await client.GetJsonAsync($"/api/v1/twins/{id}/history?from={Instant(instants[1].AddTicks(1))}");

        Assert.Equal([2L, 3L], Assert.IsType<JsonArray>(history["events"]).Select(e => e!["version"]!.GetValue<long>()));
        Assert.Equal([4L], Assert.IsType<JsonArray>(fromOnly["events"]).Select(e => e!["version"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Get_DeletedTwin_StillReturnsItsHistory()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"vibration":1}"""));
        await StepAsync(TimeSpan.FromSeconds(1), () => client.DeletePathAsync($"/api/v1/twins/{id}"));

        var history = await client.GetJsonAsync($"/api/v1/twins/{id}/history");

        Assert.Equal(["created", "reportedPatched", "deleted"], Assert.IsType<JsonArray>(history["events"]).Select(e => e!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Get_RelationshipChanges_AreInTheSourcesHistory()
    {
        using var client = await OperatorAsync();
        var pump = await client.CreatePumpTwinAsync();
        var reservoir = TestIds.Twin("reservoir");
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PutTwinAsync(reservoir, SampleModels.ReservoirLevelSensor));
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PutRelationshipAsync(pump, "feeds", reservoir));
        await StepAsync(TimeSpan.FromSeconds(1), () => client.DeletePathAsync($"/api/v1/twins/{pump}/relationships/feeds/{reservoir}"));

        var history = await client.GetJsonAsync($"/api/v1/twins/{pump}/history");

        var events = Assert.IsType<JsonArray>(history["events"]);
        Assert.Equal(["created", "relationshipAdded", "relationshipRemoved"], events.Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal(reservoir, events[1]?["payload"]?["target"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("?interval=PT1M", "interval")]
    [InlineData("?property=vibration&interval=soon", "interval")]
    [InlineData("?property=vibration&interval=PT0S", "interval")]
    [InlineData("?property=vibration&interval=-PT1M", "interval")]
    [InlineData("?property=vibration&interval=P99999999D", "interval")]
    [InlineData("?property=vibration&side=sideways", "side")]
    [InlineData("?property=1st", "property")]
    [InlineData("?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?after=three", "after")]
    [InlineData("?after=-1", "after")]
    public async Task Get_InvalidQuery_Returns400NamingTheParameter(string query, string errorPath)
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.GetPathAsync($"/api/v1/twins/{id}/history{query}");

        Assert.Equal([errorPath], await ProblemAssert.HasErrorsAsync(response));
    }

    [Theory]
    [InlineData("never-created")]
    [InlineData("-invalid")]
    public async Task Get_UnknownTwin_Returns404Problem(string id)
    {
        using var client = await OperatorAsync();

        using var response = await client.GetPathAsync($"/api/v1/twins/{id}/history");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<HttpClient> OperatorAsync() => _factory.CreateClient((await _factory.TenantAAsync()).OperatorKey);

    /// <summary>Lets time pass on the node's clock, then makes a change that must succeed.</summary>
    private async Task StepAsync(TimeSpan wait, Func<Task<HttpResponseMessage>> change)
    {
        _factory.Clock.Advance(wait);
        using var response = await change();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static string Instant(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O", CultureInfo.InvariantCulture));
}
