using Mirrorspace.Domain.Access;
using System.Net;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth;

/// <summary>How a key is presented (Bearer or X-Api-Key), and that it stops working the instant it expires.</summary>
public partial class ApiKeyAuthenticationHandlerTests
{
    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer msk_")]
    [InlineData("Bearer msk_0123456789abcdef")]
    [InlineData("Bearer msk_0123456789abcdef_")]
    [InlineData("Bearer msk__secret")]
    [InlineData("Bearer MSK_0123456789abcdef_secret")]
    [InlineData("Bearer msk_0123456789abcdef_unknown-key-id")]
    [InlineData("Token msk_0123456789abcdef_secret")]
    public async Task Request_WithBadAuthorizationHeader_Returns401Problem(string authorization)
    {
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.GetPathAsync("/api/v1/twins");

        await AssertUnauthorizedAsync(response, "/api/v1/twins");
    }

    [Fact]
    public async Task Request_WithOverlongKey_Returns401Problem()
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateClient(tenant.AdminKey + new string('A', 200));

        using var response = await client.GetPathAsync("/api/v1/twins");

        await AssertUnauthorizedAsync(response, "/api/v1/twins");
    }

    [Fact]
    public async Task Request_WithKeyInXApiKeyHeader_IsAuthenticated()
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", tenant.ViewerKey);

        using var response = await client.GetPathAsync("/api/v1/twins");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithBadKeyInXApiKeyHeader_Returns401Problem()
    {
        var tenant = await _factory.TenantAAsync();
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", WithOtherSecret(tenant.ViewerKey));

        using var response = await client.GetPathAsync("/api/v1/twins");

        await AssertUnauthorizedAsync(response, "/api/v1/twins");
    }

    [Fact]
    public async Task Request_KeyReachingItsExpiry_IsRefusedFromThatInstant()
    {
        var tenant = await _factory.TenantAAsync();
        var key = await _factory.IssueKeyAsync(tenant.Id, TenantRole.Viewer, TimeSpan.FromMinutes(1));
        using var client = _factory.CreateClient(key);

        _factory.Clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        using var before = await client.GetPathAsync("/api/v1/twins");
        _factory.Clock.Advance(TimeSpan.FromTicks(1));
        using var at = await client.GetPathAsync("/api/v1/twins");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AssertUnauthorizedAsync(at, "/api/v1/twins");
    }
}
