using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.History;

/// <summary>The values of one property, raw or downsampled into min/max/average/count per interval.</summary>
public partial class HistoryEndpointsTests
{
    [Fact]
    public async Task Get_Property_ReturnsEveryChangeOfThatPropertyOnly()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        var start = _factory.Clock.GetUtcNow();
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"vibration":1}"""));
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"power":5}"""));
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"vibration":2,"power":6}"""));
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"vibration":null}"""));

        var history = await client.GetJsonAsync($"/api/v1/twins/{id}/history?property=vibration");

        Assert.Equal(("vibration", "reported"), (history["property"]?.GetValue<string>(), history["side"]?.GetValue<string>()));
        var points = Assert.IsType<JsonArray>(history["points"]);
        Assert.Equal([2L, 4L, 5L], points.Select(p => p!["version"]!.GetValue<long>()));
        Assert.Equal([start.AddSeconds(1), start.AddSeconds(3), start.AddSeconds(4)], points.Select(p => p!["timestamp"]!.GetValue<DateTimeOffset>()));
        Assert.Equal([1d, 2d, null], points.Select(p => p!["value"]?.GetValue<double>()));
    }

    [Fact]
    public async Task Get_PropertyOfEachSide_ReturnsThatSidesValues()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchDesiredAsync(id, """{"speed":900}"""));
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"speed":800}"""));

        var desired = await client.GetJsonAsync($"/api/v1/twins/{id}/history?property=speed&side=desired");
        var reported = await client.GetJsonAsync($"/api/v1/twins/{id}/history?property=speed&side=reported");

        Assert.Equal("desired", desired["side"]?.GetValue<string>());
        Assert.Equal([900d], Assert.IsType<JsonArray>(desired["points"]).Select(p => p!["value"]!.GetValue<double>()));
        Assert.Equal([800d], Assert.IsType<JsonArray>(reported["points"]).Select(p => p!["value"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Get_PropertyWithLimit_PagesWithNext()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        for (var i = 1; i <= 3; i++)
        {
            await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, $$"""{"vibration":{{i}}}"""));
            await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"power":1}"""));
        }

        var first = await client.GetJsonAsync($"/api/v1/twins/{id}/history?property=vibration&limit=2");
        var second = await client.GetJsonAsync($"/api/v1/twins/{id}/history?property=vibration&limit=2&after={first["next"]!.GetValue<string>()}");

        Assert.Equal([1d, 2d], Assert.IsType<JsonArray>(first["points"]).Select(p => p!["value"]!.GetValue<double>()));
        Assert.Equal([3d], Assert.IsType<JsonArray>(second["points"]).Select(p => p!["value"]!.GetValue<double>()));
        Assert.Null(second["next"]);
    }

    [Fact]
    public async Task Get_PropertyWithInterval_ReturnsMinMaxAverageCountOfEachNonEmptyBucket()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        var minute = _factory.Clock.AdvanceToNextMultipleOf(TimeSpan.FromMinutes(1));
        await ReportVibrationsAsync(client, id, minute, (0, 1), (20, 3), (40, 2), (60, 10), (90, 20), (185, 5));

        var history = await client.GetJsonAsync($"/api/v1/twins/{id}/history?property=vibration&interval=PT1M");

        Assert.Equal(("vibration", "reported", "PT1M"), (history["property"]?.GetValue<string>(), history["side"]?.GetValue<string>(), history["interval"]?.GetValue<string>()));
        Assert.Equal(
            [
                (minute, 1d, 3d, 2d, 3L),
                (minute.AddMinutes(1), 10d, 20d, 15d, 2L),
                (minute.AddMinutes(3), 5d, 5d, 5d, 1L),
            ],
            Buckets(history));
    }

    [Fact]
    public async Task Get_PropertyWithIntervalAndRange_BucketsOnlyThePointsInRange()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        var minute = _factory.Clock.AdvanceToNextMultipleOf(TimeSpan.FromMinutes(1));
        await ReportVibrationsAsync(client, id, minute, (0, 1), (30, 3), (60, 10), (90, 20));

        var history = await client.GetJsonAsync($"/api/v1/twins/{id}/history?property=vibration&interval=PT1M&from={Instant(minute.AddSeconds(30))}&to={Instant(minute.AddSeconds(60))}");

        Assert.Equal([(minute, 3d, 3d, 3d, 1L), (minute.AddMinutes(1), 10d, 10d, 10d, 1L)], Buckets(history));
    }

    [Fact]
    public async Task Get_IntervalNotDividingADay_AlignsBucketsToTheUnixEpoch()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        var boundary = _factory.Clock.AdvanceToNextMultipleOf(TimeSpan.FromSeconds(7));
        await ReportVibrationsAsync(client, id, boundary, (0, 1), (6, 3), (7, 10));

        var history = await client.GetJsonAsync($"/api/v1/twins/{id}/history?property=vibration&interval=PT7S");

        Assert.Equal([(boundary, 1d, 3d, 2d, 2L), (boundary.AddSeconds(7), 10d, 10d, 10d, 1L)], Buckets(history));
    }

    [Fact]
    public async Task Get_NonNumericPropertyWithInterval_Returns400()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        await StepAsync(TimeSpan.FromSeconds(1), () => client.PatchReportedAsync(id, """{"serialNumber":"S-1"}"""));

        using var response = await client.GetPathAsync($"/api/v1/twins/{id}/history?property=serialNumber&interval=PT1M");

        Assert.Equal(["interval"], await ProblemAssert.HasErrorsAsync(response));
    }

    /// <summary>Reports each (seconds after <paramref name="start"/>, vibration), moving the clock to each instant first.</summary>
    private async Task ReportVibrationsAsync(HttpClient client, string id, DateTimeOffset start, params (int Seconds, double Value)[] points)
    {
        foreach (var (seconds, value) in points)
        {
            var wait = start.AddSeconds(seconds) - _factory.Clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                _factory.Clock.Advance(wait);
            }

            Assert.Equal(start.AddSeconds(seconds), _factory.Clock.GetUtcNow());
            using var response = await client.PatchReportedAsync(id, $$"""{"vibration":{{value}}}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static List<(DateTimeOffset Start, double Min, double Max, double Average, long Count)> Buckets(JsonObject history) =>
        [.. Assert.IsType<JsonArray>(history["buckets"]).Select(b => (
            b!["start"]!.GetValue<DateTimeOffset>(),
            b["min"]!.GetValue<double>(),
            b["max"]!.GetValue<double>(),
            b["average"]!.GetValue<double>(),
            b["count"]!.GetValue<long>()))];
}
