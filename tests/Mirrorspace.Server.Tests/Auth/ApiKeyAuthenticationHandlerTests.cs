using Mirrorspace.Domain.Access;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth;

/// <summary>Every endpoint but /health needs a valid, unexpired API key; anything else is a 401 problem.</summary>
public partial class ApiKeyAuthenticationHandlerTests : IClassFixture<MirrorspaceFactory>
{
    private readonly MirrorspaceFactory _factory;

    public ApiKeyAuthenticationHandlerTests(MirrorspaceFactory factory) => _factory = factory;

    /// <summary>Method and path of every route, the API reference pages, and a path no route takes.</summary>
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/api/v1/models" },
        { "GET", "/api/v1/models/centrifugal-pump" },
        { "PUT", "/api/v1/models/centrifugal-pump" },
        { "GET", "/api/v1/twins" },
        { "GET", "/api/v1/twins/pump-1" },
        { "PUT", "/api/v1/twins/pump-1" },
        { "DELETE", "/api/v1/twins/pump-1" },
        { "PATCH", "/api/v1/twins/pump-1/reported" },
        { "PATCH", "/api/v1/twins/pump-1/desired" },
        { "GET", "/api/v1/twins/pump-1/history" },
        { "GET", "/api/v1/twins/pump-1/relationships" },
        { "GET", "/api/v1/twins/pump-1/relationships/feeds/reservoir-1" },
        { "PUT", "/api/v1/twins/pump-1/relationships/feeds/reservoir-1" },
        { "DELETE", "/api/v1/twins/pump-1/relationships/feeds/reservoir-1" },
        { "GET", "/api/v1/twins/pump-1/graph" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/scalar" },
        { "GET", "/scalar/" },
        { "GET", "/no/such/path" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Request_WithAdminKey_IsNotRejected(string method, string path)
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateClient(tenant.AdminKey);

        using var response = await client.SendAsync(method, path, BodyFor(method));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Request_WithoutCredentials_Returns401Problem(string method, string path)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.SendAsync(method, path, BodyFor(method));

        await AssertUnauthorizedAsync(response, path);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Request_WithMalformedKey_Returns401Problem(string method, string path)
    {
        using var client = _factory.CreateClient("not-an-api-key");

        using var response = await client.SendAsync(method, path, BodyFor(method));

        await AssertUnauthorizedAsync(response, path);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Request_WithWrongSecretForRealKeyId_Returns401Problem(string method, string path)
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateClient(WithOtherSecret(tenant.AdminKey));

        using var response = await client.SendAsync(method, path, BodyFor(method));

        await AssertUnauthorizedAsync(response, path);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Request_WithExpiredKey_Returns401Problem(string method, string path)
    {
        var tenant = await _factory.TenantAAsync();
        var key = await _factory.IssueKeyAsync(tenant.Id, TenantRole.Admin, TimeSpan.FromMinutes(1));
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var client = _factory.CreateClient(key);

        using var response = await client.SendAsync(method, path, BodyFor(method));

        await AssertUnauthorizedAsync(response, path);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string path)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Authentication required", problem["title"]?.GetValue<string>());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        var isReferencePage = path.StartsWith("/openapi", StringComparison.Ordinal) || path.StartsWith("/scalar", StringComparison.Ordinal);
        Assert.Equal(isReferencePage ? "Basic" : "Bearer", challenge.Scheme);
    }

    private static string? BodyFor(string method) => method is "PUT" or "PATCH" ? "{}" : null;

    private static string WithOtherSecret(string apiKey)
    {
        var otherSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '-');
        return $"msk_{TestTenant.KeyIdOf(apiKey)}_{otherSecret}";
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
}
