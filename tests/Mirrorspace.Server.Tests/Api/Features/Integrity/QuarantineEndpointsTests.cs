using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Integrity;

/// <summary>
/// A device's implausible value is held, not applied: people list and inspect it, then release it
/// (applied, as they vouch for it) or discard it, once. The pump's speed is bounded 0..3600.
/// </summary>
public sealed partial class QuarantineEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private const string Implausible = """{"speed":99999,"vibration":1}""";

    [Fact]
    public async Task DeviceReport_OneValueOutOfBounds_Returns202AndAppliesOnlyTheOther()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        var verdict = await factory.ReportHeldAsync(device, Implausible);

        Assert.Equal("quarantined", verdict["verdict"]?.GetValue<string>());
        Assert.Equal("quarantined", verdict["properties"]?["speed"]?.GetValue<string>());
        Assert.StartsWith("q-", verdict["quarantineId"]?.GetValue<string>(), StringComparison.Ordinal);
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.Equal(1.0, twin["reported"]?["vibration"]?.GetValue<double>());
        Assert.Null(twin["reported"]?["speed"]);
    }

    [Fact]
    public async Task HeldReading_IsListedAndShownWithItsReason()
    {
        using var admin = await AdminAsync();
        using var viewer = factory.CreateClient((await factory.TenantAAsync()).AnalystKey);
        var (device, id) = await factory.NewHeldReadingAsync(admin, Implausible);

        var listed = await viewer.QuarantineIdsAsync($"?twinId={device.TwinId}");
        var entry = await viewer.QuarantineEntryAsync(id);

        Assert.Equal([id], listed);
        Assert.Equal(id, entry["id"]?.GetValue<string>());
        Assert.Equal(device.TwinId, entry["twinId"]?.GetValue<string>());
        Assert.Equal(device.DeviceId, entry["deviceId"]?.GetValue<string>());
        Assert.Equal($"https:{device.DeviceId}", entry["source"]?.GetValue<string>());
        Assert.Equal("held", entry["state"]?.GetValue<string>());
        Assert.False(entry["erased"]?.GetValue<bool>());
        Assert.Null(entry["decidedAt"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"speed":99999}"""), entry["values"]), entry.ToJsonString());
        var reason = Assert.Single(entry["reasons"]!.AsArray())!;
        Assert.Equal(("speed", "out-of-bounds"), (reason["property"]?.GetValue<string>(), reason["signal"]?.GetValue<string>()));
        Assert.Contains("3600", reason["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_AppliesTheHeldValueOnceAndRecordsWhoDecided()
    {
        var tenant = await factory.TenantAAsync();
        using var admin = await AdminAsync();
        using var operatorClient = factory.CreateClient(tenant.OperatorKey);
        var (device, id) = await factory.NewHeldReadingAsync(admin, Implausible);
        var before = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");

        using var released = await operatorClient.DecideAsync(id, "release");
        using var again = await operatorClient.DecideAsync(id, "release");
        using var discardAfter = await operatorClient.DecideAsync(id, "discard");

        var entry = await released.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("released", entry["state"]?.GetValue<string>());
        Assert.Equal($"apikey:{TestTenant.KeyIdOf(tenant.OperatorKey)}", entry["decidedBy"]?.GetValue<string>());
        Assert.NotNull(entry["decidedAt"]);
        var after = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.Equal(99999.0, after["reported"]?["speed"]?.GetValue<double>());
        Assert.Equal(before["version"]!.GetValue<long>() + 1, after["version"]?.GetValue<long>());
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(discardAfter, HttpStatusCode.Conflict);
        Assert.True(JsonNode.DeepEquals(after, await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}")), "A refused decision must change nothing.");
        Assert.Equal("released", (await admin.QuarantineEntryAsync(id))["state"]?.GetValue<string>());
    }

    [Fact]
    public async Task Discard_LeavesTheTwinAsItWasAndCannotBeReleasedAfter()
    {
        using var admin = await AdminAsync();
        var (device, id) = await factory.NewHeldReadingAsync(admin, Implausible);
        var before = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");

        using var discarded = await admin.DecideAsync(id, "discard");
        using var releaseAfter = await admin.DecideAsync(id, "release");

        Assert.Equal("discarded", (await discarded.ReadJsonAsync(HttpStatusCode.OK))["state"]?.GetValue<string>());
        await ProblemAssert.IsProblemAsync(releaseAfter, HttpStatusCode.Conflict);
        Assert.True(JsonNode.DeepEquals(before, await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}")), "Discarding must not touch the twin.");
    }

    [Fact]
    public async Task Release_TwinDeletedSinceTheReadingWasHeld_Returns409AndTheTwinStaysDeleted()
    {
        using var admin = await AdminAsync();
        var (device, id) = await factory.NewHeldReadingAsync(admin, Implausible);
        using (var deleted = await admin.DeletePathAsync($"/api/v1/twins/{device.TwinId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var released = await admin.DecideAsync(id, "release");
        using var read = await admin.GetPathAsync($"/api/v1/twins/{device.TwinId}");
        using var discarded = await admin.DecideAsync(id, "discard");

        await ProblemAssert.IsProblemAsync(released, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        Assert.Equal("discarded", (await discarded.ReadJsonAsync(HttpStatusCode.OK))["state"]?.GetValue<string>());
    }

    [Fact]
    public async Task Release_TwinRecreatedUnderTheSameIdSince_Returns409AndTheNewTwinStaysUntouched()
    {
        using var admin = await AdminAsync();
        var (device, id) = await factory.NewHeldReadingAsync(admin, Implausible);
        using (var deleted = await admin.DeletePathAsync($"/api/v1/twins/{device.TwinId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var recreated = await admin.PutTwinAsync(device.TwinId, SampleModels.CentrifugalPump))
        {
            Assert.Equal(HttpStatusCode.Created, recreated.StatusCode);
        }

        var before = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");

        using var released = await admin.DecideAsync(id, "release");

        await ProblemAssert.IsProblemAsync(released, HttpStatusCode.Conflict);
        Assert.True(JsonNode.DeepEquals(before, await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}")), "An old reading must not land in the new twin.");
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/release")]
    [InlineData("POST", "/discard")]
    public async Task UnknownId_Returns404(string method, string suffix)
    {
        using var admin = await AdminAsync();

        using var response = await admin.SendAsync(method, $"/api/v1/quarantine/q-0123456789abcdef{suffix}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_NewestFirstNarrowedByStateAndPaged()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var first = (await factory.ReportHeldAsync(device, """{"speed":99991}"""))["quarantineId"]!.GetValue<string>();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await factory.ReportHeldAsync(device, """{"speed":99992}"""))["quarantineId"]!.GetValue<string>();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = (await factory.ReportHeldAsync(device, """{"speed":99993}"""))["quarantineId"]!.GetValue<string>();
        using (var discarded = await admin.DecideAsync(second, "discard"))
        {
            await discarded.ReadJsonAsync(HttpStatusCode.OK);
        }

        var all = await admin.QuarantineIdsAsync($"?twinId={device.TwinId}");
        var held = await admin.QuarantineIdsAsync($"?twinId={device.TwinId}&state=held");
        var discardedOnly = await admin.QuarantineIdsAsync($"?twinId={device.TwinId}&state=discarded");
        var firstPage = await admin.GetJsonAsync($"/api/v1/quarantine?twinId={device.TwinId}&limit=2");
        var next = firstPage["next"]!.GetValue<string>();
        var secondPage = await admin.QuarantineIdsAsync($"?twinId={device.TwinId}&limit=2&after={Uri.EscapeDataString(next)}");

        Assert.Equal([third, second, first], all);
        Assert.Equal([third, first], held);
        Assert.Equal([second], discardedOnly);
        Assert.Equal([third, second], firstPage["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.Equal([first], secondPage);
    }

    [Theory]
    [InlineData("?state=pending", "state")]
    [InlineData("?state=1", "state")]
    [InlineData("?twinId=no%20spaces", "twinId")]
    [InlineData("?after=not-a-cursor", "after")]
    [InlineData("?limit=0", "limit")]
    public async Task List_InvalidQuery_Returns400NamingTheField(string query, string field)
    {
        using var admin = await AdminAsync();

        using var response = await admin.GetPathAsync($"/api/v1/quarantine{query}");

        Assert.Equal([field], await ProblemAssert.HasErrorsAsync(response));
    }

    [Theory]
    [InlineData("release")]
    [InlineData("discard")]
    public async Task Decide_WithViewerKey_Returns403AndTheEntryStaysHeld(string decision)
    {
        using var admin = await AdminAsync();
        using var viewer = factory.CreateClient((await factory.TenantAAsync()).ViewerKey);
        var (device, id) = await factory.NewHeldReadingAsync(admin, Implausible);
        var before = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");

        using var response = await viewer.DecideAsync(id, decision);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("held", (await admin.QuarantineEntryAsync(id))["state"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(before, await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}")));
    }

    [Theory]
    [InlineData("GET", "/api/v1/quarantine")]
    [InlineData("GET", "/api/v1/quarantine/{id}")]
    [InlineData("POST", "/api/v1/quarantine/{id}/release")]
    [InlineData("POST", "/api/v1/quarantine/{id}/discard")]
    [InlineData("GET", "/api/v1/twins/{twin}/signals")]
    public async Task Device_EvenForItsOwnHeldReading_Returns403(string method, string template)
    {
        using var admin = await AdminAsync();
        var (device, id) = await factory.NewHeldReadingAsync(admin, Implausible);
        using var client = factory.CreateClient(device.Secret!);
        var path = template.Replace("{id}", id, StringComparison.Ordinal).Replace("{twin}", device.TwinId, StringComparison.Ordinal);

        using var response = await client.SendAsync(method, path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("held", (await admin.QuarantineEntryAsync(id))["state"]?.GetValue<string>());
    }

    [Fact]
    public async Task Decisions_AreAuditedWithTheirOutcomeAndNeverTheValues()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var (_, id) = await factory.NewHeldReadingAsync(admin, """{"speed":99994.5}""");

        using (var released = await admin.DecideAsync(id, "release"))
        {
            await released.ReadJsonAsync(HttpStatusCode.OK);
        }

        using (var refused = await admin.DecideAsync(id, "discard"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        var entries = await admin.EntriesAsync();
        var decisions = entries.Where(e => e["action"]?.GetValue<string>() == "api.post" && e["resource"]!.GetValue<string>().StartsWith("/api/v1/quarantine/", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [($"/api/v1/quarantine/{id}/release", "success"), ($"/api/v1/quarantine/{id}/discard", "denied")],
            decisions.Select(e => (e["resource"]!.GetValue<string>(), e["outcome"]!.GetValue<string>())));
        Assert.All(decisions, e => Assert.Equal($"apikey:{TestTenant.KeyIdOf(tenant.AdminKey)}", e["principal"]?.GetValue<string>()));
        Assert.DoesNotContain("99994.5", new JsonArray([.. entries.Select(e => e.DeepClone())]).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryQuarantineAndSignalsOperation()
    {
        using var viewer = factory.CreateClient((await factory.TenantAAsync()).ViewerKey);

        var paths = (await viewer.GetJsonAsync("/openapi/v1.json"))["paths"]!.AsObject();

        foreach (var (path, method) in new[]
        {
            ("/api/v1/quarantine", "get"), ("/api/v1/quarantine/{quarantineId}", "get"), ("/api/v1/quarantine/{quarantineId}/release", "post"),
            ("/api/v1/quarantine/{quarantineId}/discard", "post"), ("/api/v1/twins/{twinId}/signals", "get"),
        })
        {
            var operation = paths.Single(p => p.Key.TrimEnd('/') == path).Value?[method];
            Assert.True(operation is not null, $"{method} {path} is not in the OpenAPI document.");
            Assert.Equal("Integrity", operation["tags"]?[0]?.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method} {path} needs a summary.");
        }
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
