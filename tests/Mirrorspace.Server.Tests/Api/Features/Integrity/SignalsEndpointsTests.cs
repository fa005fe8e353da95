using Mirrorspace.Domain.Access;
using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Integrity;

/// <summary>A twin's signals feed: what the pipeline noticed, oldest first, read on with <c>after</c>; another tenant's twin is absent.</summary>
public sealed class SignalsEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Feed_AfterAnOutOfBoundsReading_ShowsItsSignal()
    {
        using var admin = await AdminAsync();
        using var viewer = factory.CreateClient((await factory.TenantAAsync()).AnalystKey);
        var (device, _) = await factory.NewHeldReadingAsync(admin, """{"speed":99999,"vibration":1}""");

        var feed = await viewer.GetJsonAsync($"/api/v1/twins/{device.TwinId}/signals");

        var signal = Assert.Single(feed["items"]!.AsArray())!;
        Assert.Equal("out-of-bounds", signal["kind"]?.GetValue<string>());
        Assert.Equal("speed", signal["property"]?.GetValue<string>());
        Assert.Equal("quarantined", signal["verdict"]?.GetValue<string>());
        Assert.Equal(device.DeviceId, signal["deviceId"]?.GetValue<string>());
        Assert.Contains("99999", signal["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(signal["id"]!.GetValue<long>(), feed["next"]?.GetValue<long>());
    }

    [Fact]
    public async Task Feed_PagedWithAfter_HandsOutEachSignalOnceInOrder()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        foreach (var speed in new[] { 99991, 99992, 99993 })
        {
            await factory.ReportHeldAsync(device, $$"""{"speed":{{speed}}}""");
        }

        var first = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}/signals?limit=2");
        var second = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}/signals?limit=2&after={first["next"]}");
        var caughtUp = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}/signals?after={second["next"]}");

        Assert.Equal(["99991", "99992"], Details(first).Select(FirstNumber));
        Assert.Equal(["99993"], Details(second).Select(FirstNumber));
        Assert.Empty(caughtUp["items"]!.AsArray());

        // Nothing new: next stays where it was, so a poller asks again from the same place.
        Assert.Equal(second["next"]?.GetValue<long>(), caughtUp["next"]?.GetValue<long>());
    }

    [Fact]
    public async Task Feed_OtherTenantsTwin_Returns404LikeAnAbsentOne()
    {
        using var a = await AdminAsync();
        using var b = factory.CreateClient((await factory.TenantBAsync()).AdminKey);
        var (device, _) = await factory.NewHeldReadingAsync(a, """{"speed":99999}""");

        using var probe = await b.GetPathAsync($"/api/v1/twins/{device.TwinId}/signals");
        using var absent = await b.GetPathAsync($"/api/v1/twins/{TestIds.Twin("pump")}/signals");

        var probed = await ProblemAssert.IsProblemAsync(probe, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(absent, HttpStatusCode.NotFound);
        Assert.DoesNotContain("99999", probed.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?after=-1", "after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    public async Task Feed_InvalidPaging_Returns400NamingTheField(string query, string field)
    {
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();

        using var response = await admin.GetPathAsync($"/api/v1/twins/{twinId}/signals{query}");

        Assert.Equal([field], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task Feed_SignalOfAHealthValue_IsAuditedAsASensitiveRead()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["patient-monitor.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        using (var created = await admin.SendAsync("PUT", "/api/v1/twins/monitor-s", """{"model":"patient-monitor"}"""))
        {
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }

        var device = await admin.RegisterDeviceAsync("monitor-s");
        await factory.ReportHeldAsync(device, """{"heartRate":400}""");

        using var clinician = factory.CreateClient(await factory.IssueCareKeyAsync(tenant, TenantRole.Analyst));
        var feed = await clinician.GetJsonAsync("/api/v1/twins/monitor-s/signals");

        Assert.Contains("400", Assert.Single(Details(feed)), StringComparison.Ordinal);
        var read = Assert.Single(await admin.EntriesAsync(), e => e["action"]?.GetValue<string>() == "twin.read-sensitive");
        Assert.Equal(["heartRate"], read["properties"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    private static IEnumerable<string> Details(JsonObject feed) => feed["items"]!.AsArray().Select(s => s!["detail"]!.GetValue<string>());

    private static string FirstNumber(string detail) => detail.Split(' ')[0];

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
