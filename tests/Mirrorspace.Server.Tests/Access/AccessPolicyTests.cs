using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Access;

/// <summary>Custom policies, key scopes and purposes of use, attacked through the API.</summary>
public sealed class AccessPolicyTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task TwinHiddenByPolicy_AnswersExactlyLikeAnAbsentTwin()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var hidden = await admin.CreatePumpTwinAsync();
        var shown = await admin.CreatePumpTwinAsync();
        await factory.PutAccessPolicyAsync(tenant, Policy("role:viewer", $"twin:{hidden}", revoke: "readTwins"));
        using var viewer = factory.CreateClient(tenant.ViewerKey);

        foreach (var path in new[] { "", "/history", "/relationships", "/graph" })
        {
            using var probe = await viewer.GetPathAsync($"/api/v1/twins/{hidden}{path}");
            using var absent = await viewer.GetPathAsync($"/api/v1/twins/{hidden}-absent{path}");
            Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
            Assert.Equal(Shape(await absent.ReadJsonAsync(HttpStatusCode.NotFound), $"{hidden}-absent"), Shape(await probe.ReadJsonAsync(HttpStatusCode.NotFound), hidden));
        }

        var listed = (await viewer.GetJsonAsync("/api/v1/twins?limit=500"))["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(hidden, listed);
        Assert.Contains(shown, listed);
        (await viewer.GetPathAsync($"/api/v1/twins/{shown}")).EnsureSuccessStatusCode();
        var probes = await admin.EntriesAsync("auth.hidden", $"apikey:{TestTenant.KeyIdOf(tenant.ViewerKey)}");
        Assert.Contains(probes, e => e["resource"]?.GetValue<string>() == $"twins/{hidden}");
    }

    [Fact]
    public async Task RevokedProperty_IsAbsentFromReadsAndItsHistory()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var pump = await admin.CreatePumpTwinAsync();
        (await admin.PatchReportedAsync(pump, """{"bearingWear":12.5,"vibration":2}""")).EnsureSuccessStatusCode();
        await factory.PutAccessPolicyAsync(tenant, Policy("role:viewer", "model:centrifugal-pump/bearingWear", revoke: "readTwins"));
        using var viewer = factory.CreateClient(tenant.ViewerKey);

        var twin = await viewer.GetJsonAsync($"/api/v1/twins/{pump}");
        var history = await viewer.GetJsonAsync($"/api/v1/twins/{pump}/history");
        var points = await viewer.GetJsonAsync($"/api/v1/twins/{pump}/history?property=bearingWear");

        Assert.Null(twin["reported"]!["bearingWear"]);
        Assert.Null(twin["metadata"]!["reported"]!["bearingWear"]);
        Assert.Equal(2, twin["reported"]!["vibration"]!.GetValue<double>());
        Assert.DoesNotContain("bearingWear", history.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(points["points"]!.AsArray());
        Assert.Equal(12.5, (await admin.GetJsonAsync($"/api/v1/twins/{pump}"))["reported"]!["bearingWear"]!.GetValue<double>());
    }

    [Fact]
    public async Task WriteWithoutRead_ChangesTheTwinButShowsNothingOfIt()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var pump = await admin.CreatePumpTwinAsync();
        var other = await admin.CreatePumpTwinAsync();
        var key = await factory.IssueKeyAsync(tenant.Id, TenantRole.Viewer, DataClassification.Proprietary);
        var principal = $"apikey:{TestTenant.KeyIdOf(key)}";
        await factory.PutAccessPolicyAsync(tenant, $$"""
            {"entries":[{"name":"setpoint writer","subjects":["{{principal}}"],"resources":["twin:{{pump}}"],"grant":["writeDesired"]},
                        {"name":"reads nothing","subjects":["{{principal}}"],"resources":["*"],"revoke":["readTwins"]}]}
            """);
        using var writer = factory.CreateClient(key);

        using var patched = await writer.PatchDesiredAsync(pump, """{"speed":1200}""");
        var shown = await patched.ReadJsonAsync(HttpStatusCode.OK);
        using var read = await writer.GetPathAsync($"/api/v1/twins/{pump}");
        using var elsewhere = await writer.PatchDesiredAsync(other, """{"speed":1200}""");

        Assert.Empty(shown["desired"]!.AsObject());
        Assert.Empty(shown["reported"]!.AsObject());
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(1200, (await admin.GetJsonAsync($"/api/v1/twins/{pump}"))["desired"]!["speed"]!.GetValue<double>());
        Assert.Null((await admin.GetJsonAsync($"/api/v1/twins/{other}"))["desired"]!["speed"]);
    }

    [Fact]
    public async Task RevokedPropertyWrite_Is403AndChangesNothing()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var pump = await admin.CreatePumpTwinAsync();
        await factory.PutAccessPolicyAsync(tenant, Policy("role:operator", "*/mode", revoke: "writeDesired"));
        using var operatorClient = factory.CreateClient(tenant.OperatorKey);

        using var refused = await operatorClient.PatchDesiredAsync(pump, """{"speed":900,"mode":"eco"}""");
        using var allowed = await operatorClient.PatchDesiredAsync(pump, """{"speed":900}""");

        var problem = await refused.ReadJsonAsync(HttpStatusCode.Forbidden);
        Assert.Contains("mode", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var desired = (await admin.GetJsonAsync($"/api/v1/twins/{pump}"))["desired"]!.AsObject();
        Assert.Null(desired["mode"]);
        Assert.Equal(900, desired["speed"]!.GetValue<double>());
    }

    [Fact]
    public async Task ScopedKey_ReachesOnlyItsTwins()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json", "patient-monitor.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var mine = await admin.CreatePumpTwinAsync();
        var notMine = await admin.CreatePumpTwinAsync();
        using var scoped = factory.CreateClient(await factory.IssueKeyAsync(tenant.Id, TenantRole.Operator, DataClassification.Proprietary, scopes: [$"twin:{mine}"]));

        var listed = (await scoped.GetJsonAsync("/api/v1/twins?limit=500"))["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        using var read = await scoped.GetPathAsync($"/api/v1/twins/{notMine}");
        using var write = await scoped.PatchDesiredAsync(notMine, """{"speed":100}""");
        using var delete = await scoped.DeletePathAsync($"/api/v1/twins/{notMine}");
        using var create = await scoped.PutTwinAsync(TestIds.Twin("new"), SampleModels.CentrifugalPump);
        using var ownWrite = await scoped.PatchDesiredAsync(mine, """{"speed":100}""");

        Assert.Equal([mine], listed);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownWrite.StatusCode);
    }

    [Fact]
    public async Task ModelScopedKey_ReachesTwinsOfThatModelOnly()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json", "patient-monitor.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var pump = await admin.CreatePumpTwinAsync();
        using (var monitor = await admin.SendAsync("PUT", "/api/v1/twins/monitor-scope", """{"model":"patient-monitor"}"""))
        {
            await monitor.ReadJsonAsync(HttpStatusCode.Created);
        }

        using var scoped = factory.CreateClient(await factory.IssueKeyAsync(tenant.Id, TenantRole.Viewer, DataClassification.Proprietary, scopes: ["model:patient-monitor"]));

        using var pumpRead = await scoped.GetPathAsync($"/api/v1/twins/{pump}");
        using var monitorRead = await scoped.GetPathAsync("/api/v1/twins/monitor-scope");

        Assert.Equal(HttpStatusCode.NotFound, pumpRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, monitorRead.StatusCode);
    }

    [Fact]
    public async Task PersonalAndHealthValues_NeedAPurposeTheTenantAllows()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["patient-monitor.json"]);
        await factory.PutAccessPolicyAsync(tenant, MirrorspaceFactory.CarePolicy);
        using var admin = factory.CreateClient(tenant.AdminKey);
        using (var created = await admin.SendAsync("PUT", "/api/v1/twins/monitor-p", """{"model":"patient-monitor","subject":"patient-p"}"""))
        {
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }

        (await admin.PatchReportedAsync("monitor-p", """{"heartRate":66,"battery":70}""")).EnsureSuccessStatusCode();
        using var nurse = factory.CreateClient(await factory.IssueKeyAsync(tenant.Id, TenantRole.Viewer, DataClassification.Health));

        var withoutPurpose = await nurse.GetJsonAsync("/api/v1/twins/monitor-p");
        var forCare = await GetWithPurposeAsync(nurse, "/api/v1/twins/monitor-p", "care", HttpStatusCode.OK);
        var forResearch = await GetWithPurposeAsync(nurse, "/api/v1/twins/monitor-p", "research", HttpStatusCode.OK);
        var unknown = await GetWithPurposeAsync(nurse, "/api/v1/twins/monitor-p", "marketing", HttpStatusCode.BadRequest);

        Assert.Null(withoutPurpose["reported"]!["heartRate"]);
        Assert.Null(withoutPurpose["subject"]);
        Assert.Equal(70, withoutPurpose["reported"]!["battery"]!.GetValue<double>());
        Assert.Equal(66, forCare["reported"]!["heartRate"]!.GetValue<int>());
        Assert.Equal("patient-p", forCare["subject"]!.GetValue<string>());
        Assert.Null(forResearch["reported"]!["heartRate"]);
        Assert.Equal("X-Purpose", unknown["errors"]![0]!["path"]!.GetValue<string>());

        var reads = (await admin.EntriesAsync()).Where(e => e["action"]?.GetValue<string>() == "twin.read-sensitive").ToList();
        Assert.Equal("purpose care", Assert.Single(reads)["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task KeyBoundToAPurpose_CannotDeclareAnother()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["patient-monitor.json"]);
        await factory.PutAccessPolicyAsync(tenant, MirrorspaceFactory.CarePolicy);
        using var bound = factory.CreateClient(await factory.IssueKeyAsync(tenant.Id, TenantRole.Viewer, DataClassification.Health, purpose: "research"));

        var problem = await GetWithPurposeAsync(bound, "/api/v1/twins", "care", HttpStatusCode.BadRequest);

        Assert.Contains("research", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyDocument_IsValidatedVersionedAndKeptPerTenant()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        var other = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        var empty = await admin.GetJsonAsync("/api/v1/access/policy");
        using var invalid = await admin.SendAsync("PUT", "/api/v1/access/policy", """{"purposes":["ok","Not Ok"],"entries":[{"name":"x","subjects":["role:nobody"],"resources":["*"],"grant":["fly"]}]}""");
        using var saved = await admin.SendAsync("PUT", "/api/v1/access/policy", MirrorspaceFactory.CarePolicy);
        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/access/policy") { Content = HttpClientExtensions.Text("{}", "application/json") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        using var conflict = await admin.SendAsync(stale, TestContext.Current.CancellationToken);
        using var lockout = await admin.SendAsync("PUT", "/api/v1/access/policy", Policy("role:admin", "*", revoke: "manageAccess"));

        Assert.Equal(0, empty["version"]!.GetValue<long>());
        var errors = (await invalid.ReadJsonAsync(HttpStatusCode.BadRequest))["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Equal(["$.purposes[1]", "$.entries[0].subjects[0]", "$.entries[0].grant[0]"], errors);
        Assert.Equal(1, (await saved.ReadJsonAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.StatusCode);
        Assert.Equal("$.entries", (await lockout.ReadJsonAsync(HttpStatusCode.BadRequest))["errors"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(1, (await admin.GetJsonAsync("/api/v1/access/policy"))["version"]!.GetValue<long>());
        using var otherAdmin = factory.CreateClient(other.AdminKey);
        Assert.Equal(0, (await otherAdmin.GetJsonAsync("/api/v1/access/policy"))["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task PolicyGrant_OpensAnEndpointTheRoleLacks_OnlyWhereGranted()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var pump = await admin.CreatePumpTwinAsync();
        var other = await admin.CreatePumpTwinAsync();
        await factory.PutAccessPolicyAsync(tenant, Policy("role:viewer", $"twin:{pump}", grant: "writeDesired"));
        using var viewer = factory.CreateClient(tenant.ViewerKey);

        using var granted = await viewer.PatchDesiredAsync(pump, """{"speed":700}""");
        using var elsewhere = await viewer.PatchDesiredAsync(other, """{"speed":700}""");
        using var audit = await viewer.GetPathAsync("/api/v1/audit");

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
    }

    /// <summary>What a prober sees of a 404: every member but the per-request trace id, with the id it asked for blanked.</summary>
    private static string Shape(JsonObject problem, string id)
    {
        problem.Remove("traceId");
        return problem.ToJsonString().Replace(id, "ID", StringComparison.Ordinal);
    }

    private static string Policy(string subject, string resource, string? grant = null, string? revoke = null) => $$"""
        {"entries":[{"name":"test","subjects":["{{subject}}"],"resources":["{{resource}}"],
                     "grant":[{{(grant is null ? "" : $"\"{grant}\"")}}],"revoke":[{{(revoke is null ? "" : $"\"{revoke}\"")}}]}]}
        """;

    private static async Task<JsonObject> GetWithPurposeAsync(HttpClient client, string path, string purpose, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Purpose", purpose);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await response.ReadJsonAsync(expected);
    }
}
