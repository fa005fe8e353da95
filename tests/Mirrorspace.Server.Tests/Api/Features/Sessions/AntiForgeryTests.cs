using System.Net;
using System.Text.RegularExpressions;
using Mirrorspace.Server.Tests.Authorization;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Sessions;

/// <summary>
/// Request forgery against a browser session: every state-changing endpoint the node serves (read from
/// its routing metadata, as the authorization matrix reads them) refuses a session's request without
/// its anti-forgery token, or with another one, before anything runs; an API key needs none.
/// </summary>
public sealed partial class AntiForgeryTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private static readonly string[] StateChanging = ["POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task EveryStateChangingEndpoint_WithoutTheTokenOrWithAWrongOne_Is403AndChangesNothing()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "admin");
        var session = await factory.SignInAsync(user);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var other = await factory.SignInAsync(user);
        using var missing = factory.CreateSessionClient(session.Token, antiForgeryToken: null);
        using var wrong = factory.CreateSessionClient(session.Token, Testing.Sessions.ForgedToken("msf_"));
        using var anotherSessions = factory.CreateSessionClient(session.Token, other.AntiForgeryToken);
        var endpoints = EndpointInventory.Read(factory.Services)
            .Where(e => StateChanging.Contains(e.Method) && !e.AllowsAnonymous)
            .ToList();
        var before = await admin.EntriesAsync();

        var accepted = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = Parameter().Replace(endpoint.Route, "csrf-probe");
            foreach (var (client, what) in new[] { (missing, "missing"), (wrong, "wrong"), (anotherSessions, "wrong") })
            {
                using var response = await client.SendAsync(endpoint.Method, path, "{}");
                if (response.StatusCode != HttpStatusCode.Forbidden
                    || (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden))["title"]?.GetValue<string>() != "Anti-forgery token missing or wrong")
                {
                    accepted.Add($"{endpoint} with the token {what}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(endpoints.Count >= 20, $"Only {endpoints.Count} state-changing endpoints found.");
        Assert.Contains(endpoints, e => e.ToString() == "DELETE /api/v1/sessions/current");
        Assert.True(accepted.Count == 0, "Accepted without the session's anti-forgery token:\n" + string.Join('\n', accepted));
        var refusals = (await admin.EntriesAsync()).Skip(before.Count).Where(e => e["action"]?.GetValue<string>() == "auth.anti-forgery").ToList();
        Assert.Equal(endpoints.Count * 3, refusals.Count);
        Assert.All(refusals, e => Assert.Equal($"user:{user.Username}", e["principal"]?.GetValue<string>()));
        Assert.DoesNotContain((await admin.EntriesAsync()).Skip(before.Count), e => e["action"]?.GetValue<string>()?.StartsWith("api.", StringComparison.Ordinal) == true);
        using var stillSignedIn = factory.CreateSessionClient(session);
        using var current = await stillSignedIn.GetPathAsync("/api/v1/sessions/current");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task StateChange_WithTheSessionsToken_Passes()
    {
        var (tenant, admin) = await TenantAsync();
        var session = await factory.SignInAsync(await admin.AddUserAsync(tenant.Id, "admin"));
        using var client = factory.CreateSessionClient(session);

        using var created = await client.SendAsync("POST", "/api/v1/users", $$"""{"username":"made-by-session","password":"{{Testing.Sessions.Password}}","role":"viewer"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Single(await admin.EntriesAsync("api.post", $"user:{session.Body["username"]!.GetValue<string>()}"));
    }

    [Fact]
    public async Task Reads_NeedNoToken()
    {
        var (tenant, admin) = await TenantAsync();
        var session = await factory.SignInAsync(await admin.AddUserAsync(tenant.Id, "auditor"));
        using var client = factory.CreateSessionClient(session.Token, antiForgeryToken: null);

        using var users = await client.GetPathAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    private async Task<(TestTenant Tenant, HttpClient Admin)> TenantAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        return (tenant, factory.CreateClient(tenant.AdminKey));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
