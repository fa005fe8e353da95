using Mirrorspace.Domain.Access;
using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Audit;

/// <summary>What the API writes to the audit log on its own: changes, refusals, and reads of health or personal data.</summary>
public sealed class AuditTrailTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Patch_ByOperator_IsAuditedWithItsOutcomeButNotItsValues()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var client = factory.CreateClient(tenant.OperatorKey);
        using (var created = await client.PutTwinAsync("pump-a", SampleModels.CentrifugalPump))
        {
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }

        using (var patched = await client.PatchReportedAsync("pump-a", """{"vibration":3.14159}"""))
        {
            await patched.ReadJsonAsync(HttpStatusCode.OK);
        }

        using (var refused = await client.PatchReportedAsync("pump-a", """{"vibration":999}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var entries = await ListAsync(tenant.AdminKey);
        var patches = entries.Where(e => e!["action"]!.GetValue<string>() == "api.patch").ToList();
        Assert.Equal(["success", "failed"], patches.Select(e => e!["outcome"]!.GetValue<string>()));
        Assert.All(patches, e => Assert.Equal("/api/v1/twins/pump-a/reported", e!["resource"]!.GetValue<string>()));
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == "api.put");
        Assert.DoesNotContain("3.14159", entries.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_ByViewer_IsAuditedAsForbidden()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var viewer = factory.CreateClient(tenant.ViewerKey);

        using var response = await viewer.PatchDesiredAsync("pump-b", """{"speed":100}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = Assert.Single(await ListAsync(tenant.AdminKey), e => e!["action"]!.GetValue<string>() == "auth.forbidden")!;
        Assert.Equal("denied", entry["outcome"]!.GetValue<string>());
        Assert.Equal(TestTenant.KeyIdOf(tenant.ViewerKey), entry["principal"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_TwinWithHealthValues_IsAuditedWithThePropertyNamesOnly()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["patient-monitor.json", "centrifugal-pump.json"]);
        using var client = factory.CreateClient(await factory.IssueCareKeyAsync(tenant, TenantRole.Operator));
        using (var created = await client.SendAsync("PUT", "/api/v1/twins/monitor-a", """{"model":"patient-monitor","subject":"patient-7"}"""))
        {
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }

        using (var patched = await client.PatchReportedAsync("monitor-a", """{"heartRate":71,"battery":55}"""))
        {
            await patched.ReadJsonAsync(HttpStatusCode.OK);
        }

        using (var pump = await client.PutTwinAsync("pump-c", SampleModels.CentrifugalPump))
        {
            await pump.ReadJsonAsync(HttpStatusCode.Created);
        }

        await client.GetJsonAsync("/api/v1/twins/monitor-a");
        await client.GetJsonAsync("/api/v1/twins/pump-c");

        var reads = (await ListAsync(tenant.AdminKey)).Where(e => e!["action"]!.GetValue<string>() == "twin.read-sensitive").ToList();
        var read = Assert.Single(reads)!;
        Assert.Equal("twins/monitor-a", read["resource"]!.GetValue<string>());
        Assert.Equal(["heartRate"], read["properties"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    private async Task<JsonArray> ListAsync(string adminKey)
    {
        using var admin = factory.CreateClient(adminKey);
        return (await admin.GetJsonAsync("/api/v1/audit?limit=1000"))["items"]!.AsArray();
    }
}
