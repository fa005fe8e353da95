using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>History order and time order agree even when the wall clock steps back.</summary>
public partial class TwinEndpointsTests
{
    [Fact]
    public async Task PatchReported_ClockSteppedBack_EventTimesNeverDecrease()
    {
        using var client = await OperatorAsync();
        var id = TestIds.Twin("pump");
        using (var created = await client.PutTwinAsync(id, SampleModels.CentrifugalPump))
        {
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }

        _factory.Clock.Advance(TimeSpan.FromSeconds(10));
        using (var first = await client.PatchReportedAsync(id, """{"vibration":1.5}"""))
        {
            await first.ReadJsonAsync(HttpStatusCode.OK);
        }

        _factory.Clock.StepBack(TimeSpan.FromMinutes(30));
        using (var second = await client.PatchReportedAsync(id, """{"vibration":1.6}"""))
        {
            await second.ReadJsonAsync(HttpStatusCode.OK);
        }

        _factory.Clock.Advance(TimeSpan.FromHours(1));
        var history = await client.GetJsonAsync($"/api/v1/twins/{id}/history");
        var times = history["events"]!.AsArray().Select(e => e!["timestamp"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(3, times.Count);
        Assert.Equal(times.Order(), times);
    }
}
