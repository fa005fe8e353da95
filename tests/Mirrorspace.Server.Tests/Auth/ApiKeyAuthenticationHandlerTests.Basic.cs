using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth;

/// <summary>HTTP Basic with the key as password opens the API reference pages in a browser, and nothing else.</summary>
public partial class ApiKeyAuthenticationHandlerTests
{
    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    public async Task ReferencePage_KeyAsBasicPassword_Returns200(string path)
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = Basic("anyone", tenant.ViewerKey);

        using var response = await client.GetPathAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/twins")]
    [InlineData("GET", "/api/v1/models")]
    [InlineData("GET", "/api/v1/twins/pump-1/history")]
    [InlineData("PUT", "/api/v1/twins/pump-1")]
    [InlineData("GET", "/no/such/path")]
    public async Task ApiEndpoint_KeyAsBasicPassword_Returns401Problem(string method, string path)
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = Basic("anyone", tenant.AdminKey);

        using var response = await client.SendAsync(method, path, BodyFor(method));

        await AssertUnauthorizedAsync(response, path);
    }

    [Fact]
    public async Task ReferencePage_KeyAsBasicPasswordOnPost_Returns401Problem()
    {
        var tenant = await _factory.TenantAAsync();
        using var basic = _factory.CreateAnonymousClient();
        basic.DefaultRequestHeaders.Authorization = Basic("anyone", tenant.AdminKey);
        using var bearer = _factory.CreateClient(tenant.AdminKey);

        using var withBasic = await basic.SendAsync("POST", "/openapi/v1.json", "{}");
        using var withBearer = await bearer.SendAsync("POST", "/openapi/v1.json", "{}");

        await AssertUnauthorizedAsync(withBasic, "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, withBearer.StatusCode);
    }

    [Theory]
    [InlineData("anyone", "msk_0123456789abcdef_wrong")]
    [InlineData("anyone", "")]
    public async Task ReferencePage_WrongBasicPassword_Returns401Problem(string user, string password)
    {
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = Basic(user, password);

        using var response = await client.GetPathAsync("/openapi/v1.json");

        await AssertUnauthorizedAsync(response, "/openapi/v1.json");
    }

    [Theory]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic bm8tY29sb24=")]
    public async Task ReferencePage_MalformedBasicCredentials_Returns401Problem(string authorization)
    {
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.GetPathAsync("/openapi/v1.json");

        await AssertUnauthorizedAsync(response, "/openapi/v1.json");
    }
}
