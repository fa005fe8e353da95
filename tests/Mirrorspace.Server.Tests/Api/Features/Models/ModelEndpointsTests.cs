using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Models;

public partial class ModelEndpointsTests : IClassFixture<MirrorspaceFactory>
{
    private readonly MirrorspaceFactory _factory;

    public ModelEndpointsTests(MirrorspaceFactory factory) => _factory = factory;

    [Fact]
    public async Task Put_NewJsonModel_Returns201WithLocationAndDocument()
    {
        using var admin = await AdminAsync();
        var id = TestIds.Model("tank");

        using var response = await admin.PutModelAsync(id, ModelDocuments.Json(id));

        var model = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/models/{id}?version=1", response.Headers.Location?.OriginalString);
        Assert.Equal(id, model["id"]?.GetValue<string>());
        Assert.Equal(1, model["version"]?.GetValue<int>());
        Assert.Equal(_factory.Clock.GetUtcNow(), model["createdAt"]?.GetValue<DateTimeOffset>());
        Assert.Equal("level", model["document"]?["properties"]?[0]?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task Put_YamlModel_Returns201AndServesItAsJson()
    {
        using var admin = await AdminAsync();
        var id = TestIds.Model("tank");

        using var response = await admin.PutModelAsync(id, ModelDocuments.Yaml(id), "application/yaml");
        var stored = await admin.GetJsonAsync($"/api/v1/models/{id}");

        await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, stored["document"]?["id"]?.GetValue<string>());
        Assert.Equal(10, stored["document"]?["properties"]?[0]?["maximum"]?.GetValue<double>());
    }

    [Fact]
    public async Task Put_SampleModelInYaml_IsUsableForTwins()
    {
        var tenant = await _factory.TenantAAsync();
        using var operatorClient = _factory.CreateClient(tenant.OperatorKey);
        var twinId = TestIds.Twin("reservoir");
        using var created = await operatorClient.PutTwinAsync(twinId, SampleModels.ReservoirLevelSensor);

        using var response = await operatorClient.PatchReportedAsync(twinId, """{"level":31}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["$.level"], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task Put_SameVersionSameDocument_Returns200WithTheFirstPublication()
    {
        using var admin = await AdminAsync();
        var id = TestIds.Model("tank");
        using var first = await admin.PutModelAsync(id, ModelDocuments.Json(id));
        var published = await first.ReadJsonAsync(HttpStatusCode.Created);
        _factory.Clock.Advance(TimeSpan.FromSeconds(5));

        using var again = await admin.PutModelAsync(id, ModelDocuments.Json(id).ReplaceLineEndings(" "));

        var model = await again.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(published["createdAt"]?.GetValue<DateTimeOffset>(), model["createdAt"]?.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Put_SameVersionDifferentDocument_Returns409AndKeepsThePublishedOne()
    {
        using var admin = await AdminAsync();
        var id = TestIds.Model("tank");
        using var first = await admin.PutModelAsync(id, ModelDocuments.Json(id, displayName: "First"));

        using var second = await admin.PutModelAsync(id, ModelDocuments.Json(id, displayName: "Second"));
        var stored = await admin.GetJsonAsync($"/api/v1/models/{id}?version=1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal("First", stored["document"]?["displayName"]?.GetValue<string>());
    }

    [Fact]
    public async Task Get_WithoutVersion_ReturnsLatestAndWithVersionThatVersion()
    {
        using var admin = await AdminAsync();
        var id = TestIds.Model("tank");
        using var v1 = await admin.PutModelAsync(id, ModelDocuments.Json(id, 1, "One"));
        using var v2 = await admin.PutModelAsync(id, ModelDocuments.Json(id, 2, "Two"));

        var latest = await admin.GetJsonAsync($"/api/v1/models/{id}");
        var first = await admin.GetJsonAsync($"/api/v1/models/{id}?version=1");

        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        Assert.Equal((2, "Two"), (latest["version"]?.GetValue<int>(), latest["document"]?["displayName"]?.GetValue<string>()));
        Assert.Equal((1, "One"), (first["version"]?.GetValue<int>(), first["document"]?["displayName"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/v1/models/no-such-model")]
    [InlineData("/api/v1/models/centrifugal-pump?version=2")]
    [InlineData("/api/v1/models/Not_A_Model_Id")]
    public async Task Get_Missing_Returns404Problem(string path)
    {
        var tenant = await _factory.TenantAAsync();
        using var viewer = _factory.CreateClient(tenant.ViewerKey);

        using var response = await viewer.GetPathAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<HttpClient> AdminAsync() => _factory.CreateClient((await _factory.TenantAAsync()).AdminKey);
}
