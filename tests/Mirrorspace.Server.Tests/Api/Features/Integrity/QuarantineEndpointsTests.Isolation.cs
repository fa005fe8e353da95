using Mirrorspace.Domain.Access;
using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Integrity;

/// <summary>Another tenant's held readings are not there for anyone, an admin included: 404, never 403, never data.</summary>
public sealed partial class QuarantineEndpointsTests
{
    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/release")]
    [InlineData("POST", "/discard")]
    public async Task OtherTenant_AnyRequestOnTheEntry_Returns404AndChangesNothing(string method, string suffix)
    {
        using var a = await AdminAsync();
        using var b = factory.CreateClient((await factory.TenantBAsync()).AdminKey);
        var (device, id) = await factory.NewHeldReadingAsync(a, Implausible);
        var twinBefore = await a.GetJsonAsync($"/api/v1/twins/{device.TwinId}");

        using var response = await b.SendAsync(method, $"/api/v1/quarantine/{id}{suffix}");
        var unknown = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);

        // The same answer as for an id that never existed, so a probe learns nothing.
        using var never = await b.SendAsync(method, $"/api/v1/quarantine/q-0000000000000000{suffix}");
        var absent = await ProblemAssert.IsProblemAsync(never, HttpStatusCode.NotFound);
        Assert.Equal(absent["title"]?.GetValue<string>(), unknown["title"]?.GetValue<string>());
        Assert.Equal("held", (await a.QuarantineEntryAsync(id))["state"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(twinBefore, await a.GetJsonAsync($"/api/v1/twins/{device.TwinId}")), "Tenant A's twin must be unchanged.");
    }

    [Fact]
    public async Task OtherTenant_List_NeverContainsTheEntry()
    {
        using var a = await AdminAsync();
        using var b = factory.CreateClient((await factory.TenantBAsync()).AdminKey);
        var (device, id) = await factory.NewHeldReadingAsync(a, Implausible);

        var inB = await b.QuarantineIdsAsync("?limit=1000");
        var inBForTheTwin = await b.QuarantineIdsAsync($"?twinId={device.TwinId}");
        var inA = await a.QuarantineIdsAsync("?limit=1000");

        Assert.DoesNotContain(id, inB);
        Assert.Empty(inBForTheTwin);
        Assert.Contains(id, inA);
    }

    [Fact]
    public async Task Show_HeldHealthValue_IsAuditedAsASensitiveReadOfThatPropertyOnly()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["patient-monitor.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var analystKey = await factory.IssueCareKeyAsync(tenant, TenantRole.Analyst);
        using var viewer = factory.CreateClient(analystKey);
        using (var created = await admin.SendAsync("PUT", "/api/v1/twins/monitor-q", """{"model":"patient-monitor"}"""))
        {
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }

        var device = await admin.RegisterDeviceAsync("monitor-q");
        var id = (await factory.ReportHeldAsync(device, """{"heartRate":400,"battery":80}"""))["quarantineId"]!.GetValue<string>();

        await viewer.QuarantineEntryAsync(id);

        var reads = (await admin.EntriesAsync()).Where(e => e["action"]?.GetValue<string>() == "twin.read-sensitive").ToList();
        var read = Assert.Single(reads);
        Assert.Equal($"apikey:{TestTenant.KeyIdOf(analystKey)}", read["principal"]?.GetValue<string>());
        Assert.Equal("twins/monitor-q", read["resource"]?.GetValue<string>());
        Assert.Equal(["heartRate"], read["properties"]!.AsArray().Select(p => p!.GetValue<string>()));
    }
}
