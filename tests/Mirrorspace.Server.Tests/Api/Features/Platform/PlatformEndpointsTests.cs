using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Platform;

/// <summary>
/// The platform administrator stands apart from every tenant: it creates tenants and sees their ids and
/// names, and without a break-glass grant it reads nothing of theirs; no tenant key reaches its endpoints.
/// </summary>
public sealed partial class PlatformEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    public static TheoryData<string, string> TenantEndpoints => new()
    {
        { "GET", "/api/v1/twins" },
        { "GET", "/api/v1/models" },
        { "GET", "/api/v1/models/centrifugal-pump" },
        { "GET", "/api/v1/audit" },
        { "GET", "/api/v1/apikeys" },
        { "POST", "/api/v1/apikeys" },
        { "GET", "/api/v1/devices" },
        { "GET", "/api/v1/quarantine" },
        { "GET", "/api/v1/connectors" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/api/v1/no-such-route" },
    };

    [Theory]
    [MemberData(nameof(TenantEndpoints))]
    public async Task PlatformKey_OnATenantEndpoint_Gets403AndNoData(string method, string path)
    {
        await factory.TenantAAsync();
        using var platform = factory.CreateClient(await factory.PlatformAdminKeyAsync());

        using var response = await platform.SendAsync(method, path, method == "POST" ? """{"role":"admin"}""" : null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(problem["items"]);
    }

    [Theory]
    [InlineData("GET", "/api/v1/platform/tenants")]
    [InlineData("POST", "/api/v1/platform/tenants")]
    [InlineData("POST", "/api/v1/platform/tenants/{tenant}/break-glass")]
    public async Task TenantAdminKey_OnAPlatformEndpoint_Gets403AndIsAudited(string method, string path)
    {
        var tenant = await factory.CreateTenantAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);

        using var response = await admin.SendAsync(method, path.Replace("{tenant}", tenant.Id, StringComparison.Ordinal),
            method == "POST" ? """{"name":"Stolen","reason":"I would like to read the other tenants","lifetime":"PT1H"}""" : null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        var refusal = await admin.SingleRefusalAsync("auth.forbidden", TestTenant.KeyIdOf(tenant.AdminKey));
        Assert.Equal($"{method} {path.Replace("{tenant}", tenant.Id, StringComparison.Ordinal)}", refusal["resource"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateTenant_AsPlatformAdmin_ReturnsTheFirstAdminKeyOnceAndItManagesTheTenant()
    {
        using var platform = factory.CreateClient(await factory.PlatformAdminKeyAsync());

        using var response = await platform.SendAsync("POST", "/api/v1/platform/tenants", """{"name":"Harbour Works"}""");

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("harbour-works", created["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("Harbour Works", created["tenant"]!["name"]!.GetValue<string>());
        Assert.Equal("admin", created["key"]!["role"]!.GetValue<string>());
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(90), created["key"]!["expiresAt"]!.GetValue<DateTimeOffset>());
        using var admin = factory.CreateClient(created["apiKey"]!.GetValue<string>());
        using var issue = await admin.SendAsync("POST", "/api/v1/apikeys", """{"role":"operator","clearance":"health"}""");
        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);
        var creation = Assert.Single(await admin.EntriesAsync("tenant.create", PlatformPrincipal(await factory.PlatformAdminKeyAsync())));
        Assert.Equal("success", creation["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateTenant_TakenId_Returns409AndKeepsTheTenantsKeys()
    {
        var tenant = await factory.CreateTenantAsync();
        using var platform = factory.CreateClient(await factory.PlatformAdminKeyAsync());

        using var response = await platform.SendAsync("POST", "/api/v1/platform/tenants", $$"""{"name":"Impostor","id":"{{tenant.Id}}"}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        using var admin = factory.CreateClient(tenant.AdminKey);
        Assert.Equal(5, (await admin.GetJsonAsync("/api/v1/apikeys"))["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("""{}""", "$.name")]
    [InlineData("""{"name":"   "}""", "$.name")]
    [InlineData("""{"name":"!!!"}""", "$.name")]
    [InlineData("""{"name":"Fine","id":"Not_Valid"}""", "$.id")]
    [InlineData("""{"name":"Fine","owner":"x"}""", "$.owner")]
    public async Task CreateTenant_BadBody_Returns400NamingTheField(string body, string field)
    {
        using var platform = factory.CreateClient(await factory.PlatformAdminKeyAsync());

        using var response = await platform.SendAsync("POST", "/api/v1/platform/tenants", body);

        Assert.Contains(field, await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task ListTenants_AsPlatformAdmin_IdsAndNamesOnly()
    {
        var tenant = await factory.TenantAAsync();
        using var platform = factory.CreateClient(await factory.PlatformAdminKeyAsync());

        var list = await platform.GetJsonAsync("/api/v1/platform/tenants");

        var entry = Assert.Single(list["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == tenant.Id)!.AsObject();
        Assert.Equal(["id", "name"], entry.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PlatformKey_WithAWrongSecret_Gets401()
    {
        var key = await factory.PlatformAdminKeyAsync();
        using var platform = factory.CreateClient(key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));

        using var response = await platform.GetPathAsync("/api/v1/platform/tenants");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PlatformKey_PresentedAsATenantKey_Gets401()
    {
        var key = await factory.PlatformAdminKeyAsync();
        using var disguised = factory.CreateClient(ApiKeyCodec.Prefix + key[ApiKeyCodec.PlatformPrefix.Length..]);

        using var response = await disguised.GetPathAsync("/api/v1/platform/tenants");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PlatformKey_ReplacedByANewOne_Gets401()
    {
        await using var node = new MirrorspaceFactory();
        var first = await node.PlatformAdminKeyAsync();
        using var platform = node.CreateClient(first);
        using (var before = await platform.GetPathAsync("/api/v1/platform/tenants"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var second = await node.Services.GetRequiredService<Server.Hosting.TenantProvisioning>().IssuePlatformKeyAsync(TestContext.Current.CancellationToken);
        using var after = await platform.GetPathAsync("/api/v1/platform/tenants");
        using var secondClient = node.CreateClient(second);
        using var fresh = await secondClient.GetPathAsync("/api/v1/platform/tenants");

        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    /// <summary>Defence in depth: should any scheme ever hand out the platform role with a tenant, the policy still refuses it.</summary>
    [Fact]
    public async Task PlatformPolicy_APrincipalThatNamesATenant_IsRefusedWhateverItsRole()
    {
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();

        var platform = await authorization.AuthorizeAsync(Principal(("mirrorspace:role", "platform-admin")), "platform-admin");
        var disguised = await authorization.AuthorizeAsync(Principal(("mirrorspace:role", "platform-admin"), ("mirrorspace:tenant", "acme")), "platform-admin");

        Assert.True(platform.Succeeded);
        Assert.False(disguised.Succeeded);
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "ApiKey"));

    private static string PlatformPrincipal(string platformKey) => $"platform:{platformKey.Split('_')[1]}";
}
