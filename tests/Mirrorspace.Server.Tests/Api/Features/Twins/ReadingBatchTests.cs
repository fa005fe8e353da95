using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>
/// POST readings: a service hands a twin a batch of readings, taken in order through the ingestion
/// pipeline and committed together; the twin stops at the first it refuses, and says which.
/// </summary>
public sealed class ReadingBatchTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task PostReadings_Batch_TakesEachInOrderAsAVersionOfItsOwn()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await PostReadingsAsync(client, id, """[{"vibration":1.5},{"vibration":2.5,"power":10},{"vibration":3.5}]""");

        var batch = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, batch["taken"]?.GetValue<int>());
        Assert.All(batch["readings"]!.AsArray(), r => Assert.Equal("accepted", r!["verdict"]?.GetValue<string>()));
        var twin = await client.GetJsonAsync($"/api/v1/twins/{id}");
        Assert.Equal(4, twin["version"]?.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"vibration":3.5,"power":10}"""), twin["reported"]), twin["reported"]?.ToJsonString());
        Assert.Equal(3, twin["metadata"]?["reported"]?["power"]?["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task PostReadings_RefusedReading_StoresThoseBeforeItAndNamesIt()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await PostReadingsAsync(client, id, """[{"vibration":1.5},{"speed":"fast"},{"vibration":3.5}]""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(1, problem["taken"]?.GetValue<int>());
        Assert.Equal("$[1].speed", Assert.Single(problem["errors"]!.AsArray())!["path"]?.GetValue<string>());
        var twin = await client.GetJsonAsync($"/api/v1/twins/{id}");
        Assert.Equal(2, twin["version"]?.GetValue<long>());
        Assert.Equal(1.5, twin["reported"]?["vibration"]?.GetValue<double>());
    }

    [Theory]
    [InlineData("""{"vibration":1}""", "$")]
    [InlineData("""[{"vibration":1},2]""", "$[1]")]
    [InlineData("""[]""", "$")]
    [InlineData("""[{"vibration":1,"vibration":2}]""", "$")]
    [InlineData("""[{"vibration":1}""", "$")]
    public async Task PostReadings_MalformedBatch_Returns400AndTakesNothing(string body, string path)
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();

        using var response = await PostReadingsAsync(client, id, body);

        Assert.Equal([path], (await ProblemAssert.HasErrorsAsync(response)).ToArray());
        Assert.Equal(1, (await client.GetJsonAsync($"/api/v1/twins/{id}"))["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task PostReadings_MoreThanABatch_Returns400AndTakesNothing()
    {
        using var client = await OperatorAsync();
        var id = await client.CreatePumpTwinAsync();
        var tooMany = new JsonArray([.. Enumerable.Range(0, 1_001).Select(i => (JsonNode)new JsonObject { ["vibration"] = 1 + (i % 2) })]);

        using var response = await PostReadingsAsync(client, id, tooMany.ToJsonString());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(1, (await client.GetJsonAsync($"/api/v1/twins/{id}"))["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task PostReadings_TwinOfAnotherTenantOrMissing_Returns404AndChangesNothing()
    {
        using var owner = await OperatorAsync();
        var id = await owner.CreatePumpTwinAsync();
        using var stranger = factory.CreateClient((await factory.TenantBAsync()).OperatorKey);

        using var crossTenant = await PostReadingsAsync(stranger, id, """[{"vibration":9}]""");
        using var missing = await PostReadingsAsync(owner, "never-created", """[{"vibration":9}]""");

        await ProblemAssert.IsProblemAsync(crossTenant, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(1, (await owner.GetJsonAsync($"/api/v1/twins/{id}"))["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task PostReadings_TwinOutsideTheKeysScope_Returns404AndChangesNothing()
    {
        var tenant = await factory.TenantAAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        var mine = await admin.CreatePumpTwinAsync();
        var notMine = await admin.CreatePumpTwinAsync();
        using var scoped = factory.CreateClient(await factory.IssueKeyAsync(tenant.Id, TenantRole.Operator, DataClassification.Proprietary, scopes: [$"twin:{mine}"]));

        using var allowed = await PostReadingsAsync(scoped, mine, """[{"vibration":9}]""");
        using var hidden = await PostReadingsAsync(scoped, notMine, """[{"vibration":9}]""");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ProblemAssert.IsProblemAsync(hidden, HttpStatusCode.NotFound);
        Assert.Equal(1, (await admin.GetJsonAsync($"/api/v1/twins/{notMine}"))["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task PostReadings_Viewer_Returns403AndChangesNothing()
    {
        var tenant = await factory.TenantAAsync();
        using var owner = factory.CreateClient(tenant.OperatorKey);
        var id = await owner.CreatePumpTwinAsync();
        using var viewer = factory.CreateClient(tenant.ViewerKey);

        using var response = await PostReadingsAsync(viewer, id, """[{"vibration":9}]""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(1, (await owner.GetJsonAsync($"/api/v1/twins/{id}"))["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task PostReadings_PropertyTheCallerMayNotReport_Returns403AndTakesNoReading()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(["centrifugal-pump.json"]);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var id = await admin.CreatePumpTwinAsync();
        await factory.PutAccessPolicyAsync(tenant, """
            {"entries":[{"name":"no vibration","subjects":["role:operator"],"resources":["*/vibration"],"revoke":["reportState"]}]}
            """);
        using var operatorClient = factory.CreateClient(tenant.OperatorKey);

        using var refused = await PostReadingsAsync(operatorClient, id, """[{"power":10},{"power":11,"vibration":2}]""");
        using var allowed = await PostReadingsAsync(operatorClient, id, """[{"power":12}]""");

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("vibration", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{id}");
        Assert.Equal(2, twin["version"]?.GetValue<long>());
        Assert.Equal(12, twin["reported"]?["power"]?.GetValue<double>());
    }

    private async Task<HttpClient> OperatorAsync() => factory.CreateClient((await factory.TenantAAsync()).OperatorKey);

    private static Task<HttpResponseMessage> PostReadingsAsync(HttpClient client, string twinId, string body) =>
        client.SendAsync("POST", $"/api/v1/twins/{twinId}/readings", body);
}
