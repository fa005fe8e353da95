using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth;

/// <summary>Viewers read, operators also change twins, admins also publish models; a refused write changes nothing.</summary>
public class RolePolicyTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    /// <summary>Every write, on an existing pump that feeds an existing reservoir ({pump}, {reservoir}), or on a new id ({new}).</summary>
    public static TheoryData<string, string, string?> Writes => new()
    {
        { "PUT", "/api/v1/twins/{new}", """{"model":"centrifugal-pump"}""" },
        { "PUT", "/api/v1/twins/{pump}", """{"model":"centrifugal-pump"}""" },
        { "DELETE", "/api/v1/twins/{pump}", null },
        { "PATCH", "/api/v1/twins/{pump}/reported", """{"vibration":3}""" },
        { "PATCH", "/api/v1/twins/{pump}/desired", """{"speed":900}""" },
        { "PUT", "/api/v1/twins/{pump}/relationships/feeds/{new}", null },
        { "DELETE", "/api/v1/twins/{pump}/relationships/feeds/{reservoir}", null },
        { "PUT", "/api/v1/models/{new}", null },
    };

    public static TheoryData<string> Reads => new()
    {
        "/api/v1/models",
        "/api/v1/models/centrifugal-pump",
        "/api/v1/twins",
        "/api/v1/twins/{pump}",
        "/api/v1/twins/{pump}/history",
        "/api/v1/twins/{pump}/relationships",
        "/api/v1/twins/{pump}/relationships/feeds/{reservoir}",
        "/api/v1/twins/{pump}/graph",
        "/openapi/v1.json",
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_WithViewerKey_Returns403AndChangesNothing(string method, string template, string? body)
    {
        var (tenant, scene) = await CreateSceneAsync();
        using var viewer = factory.CreateClient(tenant.ViewerKey);
        using var admin = factory.CreateClient(tenant.AdminKey);
        var before = await scene.ReadAsync(admin);

        using var response = await viewer.SendAsync(method, scene.Fill(template), BodyOf(scene, template, body));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Forbidden", problem["title"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(before, await scene.ReadAsync(admin)), "A refused write must change nothing.");
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_WithViewerKey_Returns200(string template)
    {
        var (tenant, scene) = await CreateSceneAsync();
        using var viewer = factory.CreateClient(tenant.ViewerKey);

        using var response = await viewer.GetPathAsync(scene.Fill(template));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PutModel_WithOperatorKey_Returns403AndPublishesNothing()
    {
        var tenant = await factory.TenantAAsync();
        using var operatorClient = factory.CreateClient(tenant.OperatorKey);
        var modelId = TestIds.Model("tank");

        using var response = await operatorClient.PutModelAsync(modelId, ModelDocuments.Json(modelId));
        using var read = await operatorClient.GetPathAsync($"/api/v1/models/{modelId}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task PutModel_WithAdminKey_Returns201()
    {
        var tenant = await factory.TenantAAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        var modelId = TestIds.Model("tank");

        using var response = await admin.PutModelAsync(modelId, ModelDocuments.Json(modelId));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task TwinWrites_WithOperatorKey_Succeed()
    {
        var tenant = await factory.TenantAAsync();
        using var operatorClient = factory.CreateClient(tenant.OperatorKey);
        var pump = TestIds.Twin("pump");
        var reservoir = TestIds.Twin("reservoir");

        using var createPump = await operatorClient.PutTwinAsync(pump, "centrifugal-pump");
        using var createReservoir = await operatorClient.PutTwinAsync(reservoir, "reservoir-level-sensor");
        using var reported = await operatorClient.PatchReportedAsync(pump, """{"vibration":3}""");
        using var desired = await operatorClient.PatchDesiredAsync(pump, """{"speed":900}""");
        using var link = await operatorClient.PutRelationshipAsync(pump, "feeds", reservoir);
        using var unlink = await operatorClient.DeletePathAsync($"/api/v1/twins/{pump}/relationships/feeds/{reservoir}");
        using var delete = await operatorClient.DeletePathAsync($"/api/v1/twins/{pump}");

        Assert.Equal(HttpStatusCode.Created, createPump.StatusCode);
        Assert.Equal(HttpStatusCode.Created, createReservoir.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, desired.StatusCode);
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unlink.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    private async Task<(TestTenant Tenant, Scene Scene)> CreateSceneAsync()
    {
        var tenant = await factory.TenantAAsync();
        using var operatorClient = factory.CreateClient(tenant.OperatorKey);
        var scene = new Scene(TestIds.Twin("pump"), TestIds.Twin("reservoir"), TestIds.Twin("new"));
        using var pump = await operatorClient.PutTwinAsync(scene.Pump, "centrifugal-pump");
        using var reservoir = await operatorClient.PutTwinAsync(scene.Reservoir, "reservoir-level-sensor");
        using var link = await operatorClient.PutRelationshipAsync(scene.Pump, "feeds", scene.Reservoir);
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        return (tenant, scene);
    }

    private static string? BodyOf(Scene scene, string template, string? body) =>
        template.StartsWith("/api/v1/models/", StringComparison.Ordinal) ? ModelDocuments.Json(scene.New) : body;

    /// <summary>Two linked twins, and an id nothing uses yet.</summary>
    private sealed record Scene(string Pump, string Reservoir, string New)
    {
        public string Fill(string template) =>
            template.Replace("{pump}", Pump, StringComparison.Ordinal)
                .Replace("{reservoir}", Reservoir, StringComparison.Ordinal)
                .Replace("{new}", New, StringComparison.Ordinal);

        /// <summary>Everything a write in <see cref="Writes"/> could touch.</summary>
        public async Task<JsonObject> ReadAsync(HttpClient client) => new()
        {
            ["pump"] = await ReadOrStatusAsync(client, $"/api/v1/twins/{Pump}"),
            ["new"] = await ReadOrStatusAsync(client, $"/api/v1/twins/{New}"),
            ["relationships"] = await ReadOrStatusAsync(client, $"/api/v1/twins/{Pump}/relationships"),
            ["model"] = await ReadOrStatusAsync(client, $"/api/v1/models/{New}"),
        };

        private static async Task<JsonNode?> ReadOrStatusAsync(HttpClient client, string path)
        {
            using var response = await client.GetPathAsync(path);
            return response.IsSuccessStatusCode
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
                : JsonValue.Create((int)response.StatusCode);
        }
    }
}
