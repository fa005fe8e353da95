using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api;

public class ApiPipelineTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Health_WithoutCredentials_Returns200()
    {
        using var client = factory.CreateAnonymousClient();

        using var response = await client.GetPathAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Health_WithInvalidKey_Returns200()
    {
        using var client = factory.CreateClient("msk_0123456789abcdef_not-the-secret");

        using var response = await client.GetPathAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/v1/twins")]
    public async Task Response_AnyPath_CarriesSecurityHeaders(string path)
    {
        using var client = factory.CreateAnonymousClient();

        using var response = await client.GetPathAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore, "Responses must not be cached.");
    }

    [Fact]
    public async Task UnknownPath_WithValidKey_Returns404Problem()
    {
        var tenant = await factory.TenantAAsync();
        using var client = factory.CreateClient(tenant.ViewerKey);

        using var response = await client.GetPathAsync("/api/v1/gadgets");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnsupportedMethod_WithValidKey_Returns405Problem()
    {
        var tenant = await factory.TenantAAsync();
        using var client = factory.CreateClient(tenant.AdminKey);

        using var response = await client.SendAsync("POST", "/api/v1/twins/pump-1", "{}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("/api/v1/twins?limit=many")]
    [InlineData("/api/v1/models?limit=1.5")]
    [InlineData("/api/v1/twins/pump-1?at=yesterday")]
    [InlineData("/api/v1/twins/pump-1/history?from=soon")]
    [InlineData("/api/v1/twins/pump-1/graph?depth=deep")]
    public async Task Get_UnparsableQueryValue_Returns400ProblemWithoutInternals(string path)
    {
        var tenant = await factory.TenantAAsync();
        using var client = factory.CreateClient(tenant.ViewerKey);

        using var response = await client.GetPathAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OpenApi_WithValidKey_ListsEveryTwinOperation()
    {
        var tenant = await factory.TenantAAsync();
        using var client = factory.CreateClient(tenant.ViewerKey);

        var document = await client.GetJsonAsync("/openapi/v1.json");

        Assert.Equal("Mirrorspace API", document["info"]?["title"]?.GetValue<string>());
        var paths = Assert.IsType<JsonObject>(document["paths"]);
        AssertOperations(paths, "/api/v1/twins/{twinId}", "get", "put", "delete");
        AssertOperations(paths, "/api/v1/twins/{twinId}/reported", "patch");
        AssertOperations(paths, "/api/v1/twins/{twinId}/desired", "patch");
        AssertOperations(paths, "/api/v1/twins/{twinId}/history", "get");
        AssertOperations(paths, "/api/v1/twins/{twinId}/relationships", "get");
        AssertOperations(paths, "/api/v1/twins/{twinId}/relationships/{name}/{targetId}", "get", "put", "delete");
        AssertOperations(paths, "/api/v1/twins/{twinId}/graph", "get");
        AssertOperations(paths, "/api/v1/models/{modelId}", "get", "put");
        Assert.Contains(paths, p => p.Key.TrimEnd('/') == "/api/v1/twins");
        Assert.Contains(paths, p => p.Key.TrimEnd('/') == "/api/v1/models");
    }

    [Fact]
    public async Task Scalar_WithValidKey_ServesTheReferencePage()
    {
        var tenant = await factory.TenantAAsync();
        using var client = factory.CreateClient(tenant.ViewerKey);

        using var redirect = await client.GetPathAsync("/scalar");
        using var page = await client.GetPathAsync("/scalar/");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Mirrorspace API</title>", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static void AssertOperations(JsonObject paths, string path, params string[] methods)
    {
        var operations = Assert.IsType<JsonObject>(paths[path]);
        foreach (var method in methods)
        {
            Assert.True(operations.ContainsKey(method), $"{path} has no {method} operation.");
        }
    }
}
