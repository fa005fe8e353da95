using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Models;

public partial class ModelEndpointsTests
{
    [Fact]
    public async Task List_WithLimit_PagesThroughTheLatestVersionOfEachModel()
    {
        var tenant = await _factory.CreateTenantAsync();
        using var admin = _factory.CreateClient(tenant.AdminKey);
        foreach (var (id, version) in new[] { ("tank-a", 1), ("tank-b", 1), ("tank-b", 2), ("tank-c", 1) })
        {
            using var put = await admin.PutModelAsync(id, ModelDocuments.Json(id, version, $"{id} v{version}"));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var first = await admin.GetJsonAsync("/api/v1/models?limit=2");
        var second = await admin.GetJsonAsync($"/api/v1/models?limit=2&after={Uri.EscapeDataString(first["next"]!.GetValue<string>())}");

        Assert.Equal(["tank-a v1", "tank-b v2"], DisplayNames(first));
        Assert.Equal(["tank-c v1"], DisplayNames(second));
        Assert.Null(second["next"]);
        Assert.Equal(2, first["items"]?[1]?["version"]?.GetValue<int>());
    }

    [Fact]
    public async Task List_NewTenant_IsEmpty()
    {
        var tenant = await _factory.CreateTenantAsync();
        using var viewer = _factory.CreateClient(tenant.ViewerKey);

        var page = await viewer.GetJsonAsync("/api/v1/models");

        Assert.Empty(Assert.IsType<JsonArray>(page["items"]));
        Assert.Null(page["next"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task List_LimitOutOfRange_Returns400(int limit)
    {
        var tenant = await _factory.TenantAAsync();
        using var viewer = _factory.CreateClient(tenant.ViewerKey);

        using var response = await viewer.GetPathAsync($"/api/v1/models?limit={limit}");

        Assert.Equal(["limit"], await ProblemAssert.HasErrorsAsync(response));
    }

    private static string[] DisplayNames(JsonObject page) =>
        [.. Assert.IsType<JsonArray>(page["items"]).Select(m => m!["displayName"]!.GetValue<string>())];
}
