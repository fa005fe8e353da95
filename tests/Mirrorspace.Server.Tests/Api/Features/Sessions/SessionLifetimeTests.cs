using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Sessions;

/// <summary>
/// A session once granted: it proves who the user is with their role, ends after 30 idle minutes or 12
/// hours, at sign-out, deletion and password change, and exists in the database only as hashes.
/// </summary>
public sealed class SessionLifetimeTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Current_WithASession_SaysWhoTheUserIsAndWhenTheSessionEnds()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "analyst");
        var session = await factory.SignInAsync(user);
        using var client = factory.CreateSessionClient(session);

        var me = await client.GetJsonAsync("/api/v1/sessions/current");

        Assert.Equal(tenant.Id, me["tenant"]?.GetValue<string>());
        Assert.Equal($"user:{user.Username}", me["principal"]?.GetValue<string>());
        Assert.Equal("analyst", me["role"]?.GetValue<string>());
        Assert.Equal("Session", me["authenticatedBy"]?.GetValue<string>());
        Assert.Contains("ReadIntegrity", me["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
        var now = factory.Clock.GetUtcNow();
        Assert.Equal(now + TimeSpan.FromMinutes(30), me["session"]?["idleExpiresAt"]?.GetValue<DateTimeOffset>());
        Assert.Equal(now + TimeSpan.FromHours(12), me["session"]?["expiresAt"]?.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Current_WithAnApiKey_SaysWhoTheKeyIsWithoutASession()
    {
        var (_, admin) = await TenantAsync();

        var me = await admin.GetJsonAsync("/api/v1/sessions/current");

        Assert.StartsWith("apikey:", me["principal"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ApiKey", me["authenticatedBy"]?.GetValue<string>());
        Assert.Null(me["session"]);
    }

    [Fact]
    public async Task Session_RoleIsEnforcedAsForAKey()
    {
        var (tenant, admin) = await TenantAsync();
        var session = await factory.SignInAsync(await admin.AddUserAsync(tenant.Id, "viewer"));
        using var client = factory.CreateSessionClient(session);

        using var listed = await client.GetPathAsync("/api/v1/twins");
        using var publish = await client.PutModelAsync(TestIds.Model("viewer"), ModelDocuments.Json("x"));
        using var users = await client.GetPathAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        await ProblemAssert.IsProblemAsync(publish, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(users, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Session_IdleFor30Minutes_IsRefusedAndItsCookieCleared()
    {
        var (tenant, admin) = await TenantAsync();
        var session = await factory.SignInAsync(await admin.AddUserAsync(tenant.Id, "viewer"));
        using var client = factory.CreateSessionClient(session);

        // Each request within 30 minutes keeps it alive.
        for (var i = 0; i < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(25));
            using var alive = await client.GetPathAsync("/api/v1/sessions/current");
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        using var idle = await client.GetPathAsync("/api/v1/sessions/current");

        await ProblemAssert.IsProblemAsync(idle, HttpStatusCode.Unauthorized);
        Assert.Contains("expires=thu, 01 jan 1970", Testing.Sessions.SetCookie(idle)!.Value.Header.ToLowerInvariant(), StringComparison.Ordinal);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using var later = await client.GetPathAsync("/api/v1/sessions/current");
        await ProblemAssert.IsProblemAsync(later, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_Past12Hours_IsRefusedHoweverActive()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");
        var session = await factory.SignInAsync(user);
        using var client = factory.CreateSessionClient(session);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(20));
            using var alive = await client.GetPathAsync("/api/v1/sessions/current");
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        using var expired = await client.GetPathAsync("/api/v1/sessions/current");

        await ProblemAssert.IsProblemAsync(expired, HttpStatusCode.Unauthorized);
        Assert.Contains(
            await admin.EntriesAsync("auth.reject", $"user:{user.Username}"),
            e => e["reason"]?.GetValue<string>() == "session past its 12 h lifetime");
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAndClearsTheCookie()
    {
        var (tenant, admin) = await TenantAsync();
        var session = await factory.SignInAsync(await admin.AddUserAsync(tenant.Id, "viewer"));
        using var client = factory.CreateSessionClient(session);

        using var signOut = await client.DeletePathAsync("/api/v1/sessions/current");
        using var after = await client.GetPathAsync("/api/v1/twins");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Contains("expires=thu, 01 jan 1970", Testing.Sessions.SetCookie(signOut)!.Value.Header.ToLowerInvariant(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeletingTheUser_EndsItsSessionsAndKeepsItsNameTaken()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "operator");
        var session = await factory.SignInAsync(user);
        using var client = factory.CreateSessionClient(session);

        using var deletion = await admin.DeletePathAsync($"/api/v1/users/{user.Username}");
        using var after = await client.GetPathAsync("/api/v1/twins");
        using var again = await admin.SendAsync("POST", "/api/v1/users", $$"""{"username":"{{user.Username}}","password":"{{user.Password}}","role":"viewer"}""");

        Assert.Equal(HttpStatusCode.NoContent, deletion.StatusCode);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        var shown = await admin.GetJsonAsync($"/api/v1/users/{user.Username}");
        Assert.NotNull(shown["deletedAt"]);
        Assert.Equal("none", shown["totp"]?.GetValue<string>());
    }

    [Fact]
    public async Task ChangingThePassword_EndsEverySessionAndOnlyTheNewPasswordSignsIn()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");
        var first = await factory.SignInAsync(user);
        var second = await factory.SignInAsync(user);
        using var client = factory.CreateSessionClient(first);
        using var other = factory.CreateSessionClient(second);
        const string NewPassword = "amber-glacier-compass-77";

        using var change = await client.SendAsync("PUT", $"/api/v1/users/{user.Username}/password", $$"""{"currentPassword":"{{user.Password}}","newPassword":"{{NewPassword}}"}""");
        using var stale = await client.GetPathAsync("/api/v1/twins");
        using var staleOther = await other.GetPathAsync("/api/v1/twins");

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(staleOther, HttpStatusCode.Unauthorized);
        using var anonymous = factory.CreateCookielessClient();
        using var oldPassword = await anonymous.SignInAsync(tenant.Id, user.Username, user.Password);
        await ProblemAssert.IsProblemAsync(oldPassword, HttpStatusCode.Unauthorized);
        await factory.SignInAsync(user with { Password = NewPassword });
        Assert.NotNull((await admin.GetJsonAsync($"/api/v1/users/{user.Username}"))["passwordChangedAt"]);
    }

    [Fact]
    public async Task ChangingThePassword_WithAWrongCurrentPasswordOrABadNewOne_ListsEveryProblemAndCounts()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");
        using var client = factory.CreateSessionClient(await factory.SignInAsync(user));

        using var change = await client.SendAsync("PUT", $"/api/v1/users/{user.Username}/password", $$"""{"currentPassword":"wrong-wrong-wrong","newPassword":"{{user.Username}}"}""");

        var paths = await ProblemAssert.HasErrorsAsync(change);
        Assert.Equal(["$.currentPassword", "$.newPassword"], paths);
        Assert.Equal(1, (await admin.GetJsonAsync($"/api/v1/users/{user.Username}"))["failedAttempts"]?.GetValue<int>());
        using var still = await client.GetPathAsync("/api/v1/twins");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task ChangingAnotherUsersPassword_IsForbiddenToUsersAndKeysAlike()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "admin");
        var victim = await admin.AddUserAsync(tenant.Id, "viewer");
        using var client = factory.CreateSessionClient(await factory.SignInAsync(user));
        var body = $$"""{"currentPassword":"{{victim.Password}}","newPassword":"amber-glacier-compass-77"}""";

        using var byUser = await client.SendAsync("PUT", $"/api/v1/users/{victim.Username}/password", body);
        using var byKey = await admin.SendAsync("PUT", $"/api/v1/users/{victim.Username}/password", body);

        await ProblemAssert.IsProblemAsync(byUser, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(byKey, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Session_ForgedOrMalformedToken_Is401()
    {
        using var forged = factory.CreateSessionClient(Testing.Sessions.ForgedToken("mss_"), null);
        using var malformed = factory.CreateSessionClient("not-a-token", null);

        using var first = await forged.GetPathAsync("/api/v1/twins");
        using var second = await malformed.GetPathAsync("/api/v1/twins");

        await ProblemAssert.IsProblemAsync(first, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiKey_BesideASessionCookie_IsJudgedAsTheKeyAndNeedsNoAntiForgeryToken()
    {
        var (tenant, admin) = await TenantAsync();
        var session = await factory.SignInAsync(await admin.AddUserAsync(tenant.Id, "viewer"));
        using var client = factory.CreateSessionClient(session.Token, antiForgeryToken: null);
        client.DefaultRequestHeaders.Authorization = Testing.Sessions.Bearer(tenant.AdminKey);

        var me = await client.GetJsonAsync("/api/v1/sessions/current");
        using var created = await client.SendAsync("POST", "/api/v1/users", $$"""{"username":"beside-cookie","password":"{{Testing.Sessions.Password}}","role":"viewer"}""");

        Assert.Equal($"apikey:{TestTenant.KeyIdOf(tenant.AdminKey)}", me["principal"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Database_HoldsSessionAndAntiForgeryTokensOnlyAsHashesAndNeitherPasswordNorTotpSecret()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "admin");
        var session = await factory.SignInAsync(user);

        var files = Directory.GetFiles(factory.DataDirectory, "mirrorspace.db*").Select(File.ReadAllBytes).ToList();
        foreach (var secret in new[] { session.Token, session.AntiForgeryToken, user.Password, Mirrorspace.Security.Totp.Base32.Encode(user.TotpSecret!) })
        {
            Assert.DoesNotContain(files, bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0);
        }

        Assert.DoesNotContain(files, bytes => bytes.AsSpan().IndexOf(user.TotpSecret) >= 0);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "mirrorspace.db")};Mode=ReadOnly");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_hash, anti_forgery_hash FROM user_sessions WHERE tenant_id = $tenant AND username = $username";
        command.Parameters.AddWithValue("$tenant", tenant.Id);
        command.Parameters.AddWithValue("$username", user.Username);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(session.Token)), reader.GetFieldValue<byte[]>(0));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(session.AntiForgeryToken)), reader.GetFieldValue<byte[]>(1));
    }

    private async Task<(TestTenant Tenant, HttpClient Admin)> TenantAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        return (tenant, factory.CreateClient(tenant.AdminKey));
    }
}
