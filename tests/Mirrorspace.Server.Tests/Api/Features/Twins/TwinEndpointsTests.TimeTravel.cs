using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary><c>GET /twins/{id}?at=</c> replays the event log up to an instant.</summary>
public partial class TwinEndpointsTests
{
    [Fact]
    public async Task GetAt_InstantsOfEachChange_ReturnsTheTwinExactlyAsItWasThen()
    {
        using var client = await OperatorAsync();
        var id = TestIds.Twin("pump");
        var states = new List<JsonObject>();
        using (var created = await client.PutTwinAsync(id, SampleModels.CentrifugalPump))
        {
            states.Add(await created.ReadJsonAsync(HttpStatusCode.Created));
        }

        foreach (var (side, patch) in new[] { ("reported", """{"vibration":1.5,"mode":"manual"}"""), ("desired", """{"speed":1200}"""), ("reported", """{"vibration":2,"speed":1200}""") })
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(10));
            using var response = side == "reported" ? await client.PatchReportedAsync(id, patch) : await client.PatchDesiredAsync(id, patch);
            states.Add(await response.ReadJsonAsync(HttpStatusCode.OK));
        }

        foreach (var state in states)
        {
            var instant = state["updatedAt"]!.GetValue<DateTimeOffset>();
            var exactly = await client.GetJsonAsync(AtPath(id, instant));
            var justAfter = await client.GetJsonAsync(AtPath(id, instant.AddSeconds(9)));

            var later = NineSecondsLater(state);
            Assert.True(JsonNode.DeepEquals(state, exactly), $"At {instant:O}: expected {state} but got {exactly}");
            Assert.True(JsonNode.DeepEquals(later, justAfter), $"At {instant.AddSeconds(9):O}: expected {later} but got {justAfter}");
        }
    }

    [Fact]
    public async Task GetAt_InstantBeforeCreation_Returns404()
    {
        using var client = await OperatorAsync();
        var created = _factory.Clock.GetUtcNow();
        var id = await client.CreatePumpTwinAsync();

        using var response = await client.GetPathAsync(AtPath(id, created.AddTicks(-1)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetAt_DeletedTwin_Returns404AfterTheDeletionAndTheTwinBefore()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(10));
        using var patch = await client.PatchReportedAsync(id, """{"vibration":4}""");
        var beforeDeletion = _factory.Clock.GetUtcNow();
        _factory.Clock.Advance(TimeSpan.FromSeconds(10));
        using var delete = await client.DeletePathAsync($"/api/v1/twins/{id}");

        var then = await client.GetJsonAsync(AtPath(id, beforeDeletion));
        using var now = await client.GetPathAsync(AtPath(id, _factory.Clock.GetUtcNow()));

        Assert.Equal(4, then["reported"]?["vibration"]?.GetValue<double>());
        await ProblemAssert.IsProblemAsync(now, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetAt_InstantInAnotherOffset_MeansTheSameInstant()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(10));
        using var patch = await client.PatchReportedAsync(id, """{"vibration":4}""");
        var instant = _factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(-5));

        var twin = await client.GetJsonAsync(AtPath(id, instant));

        Assert.Equal(4, twin["reported"]?["vibration"]?.GetValue<double>());
    }

    [Fact]
    public async Task GetAt_UnknownTwin_Returns404()
    {
        using var client = await OperatorAsync();

        using var response = await client.GetPathAsync(AtPath("never-created", _factory.Clock.GetUtcNow()));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static string AtPath(string twinId, DateTimeOffset instant) =>
        $"/api/v1/twins/{twinId}?at={Uri.EscapeDataString(instant.ToString("O", CultureInfo.InvariantCulture))}";

    /// <summary>The same twin seen 9 s later: only a pending desired value has been pending 9 s longer.</summary>
    private static JsonObject NineSecondsLater(JsonObject state)
    {
        var later = state.DeepClone().AsObject();
        if (later["convergence"]?["pendingSeconds"] is { } pending)
        {
            later["convergence"]!["pendingSeconds"] = pending.GetValue<double>() + 9;
        }

        return later;
    }
}
