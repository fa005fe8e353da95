using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Sessions;

/// <summary>
/// Signing in attacked: wrong passwords, names that do not exist, guessing into the lockout, replayed
/// and stale TOTP codes, an admin without a second factor. Every refusal before the password is known
/// to be right answers the same, and each failure and lockout is in the audit log.
/// </summary>
public sealed class SignInTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private const string WrongPassword = "not-the-password-at-all";

    [Fact]
    public async Task SignIn_RightPassword_SetsAHostOnlySecureHttpOnlyStrictCookieAndReturnsTheAntiForgeryToken()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");
        using var client = factory.CreateCookielessClient();

        using var response = await client.SignInAsync(tenant.Id, user.Username, user.Password);

        var session = await Testing.Sessions.ReadSessionAsync(response);
        var (_, header) = Testing.Sessions.SetCookie(response)!.Value;
        var attributes = header.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal) || a.StartsWith("max-age", StringComparison.Ordinal));
        Assert.StartsWith("mss_", session.Token, StringComparison.Ordinal);
        Assert.StartsWith("msf_", session.AntiForgeryToken, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Token, session.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal($"user:{user.Username}", session.Body["principal"]?.GetValue<string>());
        Assert.Equal("viewer", session.Body["role"]?.GetValue<string>());
        Assert.Equal("/api/v1/sessions/current", response.Headers.Location?.OriginalString);
        var entry = Assert.Single(await admin.EntriesAsync("auth.sign-in", $"user:{user.Username}"));
        Assert.Equal("success", entry["outcome"]?.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_UsernameInAnotherCase_IsTheSameUser()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");
        using var client = factory.CreateCookielessClient();

        using var response = await client.SignInAsync(tenant.Id, user.Username.ToUpperInvariant(), user.Password);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPasswordUnknownUserUnknownTenantAndDeletedUser_AnswerExactlyAlike()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");
        var deleted = await admin.AddUserAsync(tenant.Id, "viewer");
        using (var deletion = await admin.DeletePathAsync($"/api/v1/users/{deleted.Username}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deletion.StatusCode);
        }

        using var client = factory.CreateCookielessClient();
        var wrongPassword = await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, WrongPassword));
        var unknownUser = await RefusalAsync(client.SignInAsync(tenant.Id, "nobody-here", WrongPassword));
        var unknownTenant = await RefusalAsync(client.SignInAsync("no-such-tenant", user.Username, user.Password));
        var deletedUser = await RefusalAsync(client.SignInAsync(tenant.Id, deleted.Username, deleted.Password));

        Assert.Equal(wrongPassword, unknownUser);
        Assert.Equal(wrongPassword, unknownTenant);
        Assert.Equal(wrongPassword, deletedUser);
        Assert.Contains("\"status\":401", wrongPassword, StringComparison.Ordinal);
        var refusal = Assert.Single(await admin.EntriesAsync("auth.sign-in", $"user:{user.Username}"));
        Assert.Equal("denied", refusal["outcome"]?.GetValue<string>());
        Assert.Equal("wrong password", refusal["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockTheAccountForAMinuteThenDoublingAndALockedSignInLooksLikeAWrongPassword()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "operator");
        using var client = factory.CreateCookielessClient();
        var wrong = string.Empty;
        for (var i = 0; i < 4; i++)
        {
            wrong = await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, WrongPassword));
        }

        Assert.Null((await admin.GetJsonAsync($"/api/v1/users/{user.Username}"))["lockedUntil"]);
        Assert.Equal(wrong, await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, WrongPassword)));
        var locked = await admin.GetJsonAsync($"/api/v1/users/{user.Username}");
        Assert.Equal(5, locked["failedAttempts"]?.GetValue<int>());
        Assert.Equal(factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), locked["lockedUntil"]?.GetValue<DateTimeOffset>());

        // Locked: even the right password answers exactly as a wrong one, and does not extend the lock.
        Assert.Equal(wrong, await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, user.Password)));
        factory.Clock.Advance(TimeSpan.FromSeconds(61));

        // The sixth failure in a row locks for two minutes.
        Assert.Equal(wrong, await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, WrongPassword)));
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(wrong, await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, user.Password)));
        factory.Clock.Advance(TimeSpan.FromSeconds(60));
        using (var signedIn = await client.SignInAsync(tenant.Id, user.Username, user.Password))
        {
            Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);
        }

        var reset = await admin.GetJsonAsync($"/api/v1/users/{user.Username}");
        Assert.Equal(0, reset["failedAttempts"]?.GetValue<int>());
        var lockouts = await admin.EntriesAsync("auth.lockout", $"user:{user.Username}");
        Assert.Equal(
            ["locked for 1 min after 5 consecutive failures", "locked for 2 min after 6 consecutive failures"],
            lockouts.Select(e => e["reason"]!.GetValue<string>()));
        var refusals = (await admin.EntriesAsync("auth.sign-in", $"user:{user.Username}")).Where(e => e["outcome"]?.GetValue<string>() == "denied").ToList();
        Assert.Equal(8, refusals.Count);
        Assert.Equal(2, refusals.Count(e => e["reason"]!.GetValue<string>().StartsWith("locked until", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_AdminWithoutCode_IsToldASecondFactorIsRequiredAndTheFirstCodeConfirmsIt()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "admin");
        Assert.NotNull(user.TotpSecret);
        Assert.Equal("pending", (await admin.GetJsonAsync($"/api/v1/users/{user.Username}"))["totp"]?.GetValue<string>());
        using var client = factory.CreateCookielessClient();

        using var withoutCode = await client.SignInAsync(tenant.Id, user.Username, user.Password);
        var problem = await ProblemAssert.IsProblemAsync(withoutCode, HttpStatusCode.Unauthorized);
        Assert.Equal("Second factor required", problem["title"]?.GetValue<string>());
        Assert.Null(Testing.Sessions.SetCookie(withoutCode));

        // The second factor is checked only after the password: a wrong password still gets the plain refusal.
        var wrong = await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, WrongPassword, Testing.Sessions.Code(user.TotpSecret!, factory.Clock)));
        Assert.Contains("Sign-in failed", wrong, StringComparison.Ordinal);

        using var withCode = await client.SignInAsync(tenant.Id, user.Username, user.Password, Testing.Sessions.Code(user.TotpSecret!, factory.Clock));
        Assert.Equal("admin", (await Testing.Sessions.ReadSessionAsync(withCode)).Body["role"]?.GetValue<string>());
        Assert.Equal("confirmed", (await admin.GetJsonAsync($"/api/v1/users/{user.Username}"))["totp"]?.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_AdminWithoutAnySecret_IsRefusedUntilOneIsEnrolled()
    {
        var (tenant, admin) = await TenantAsync();
        var username = $"adm-{Guid.NewGuid():N}"[..12];
        var users = factory.Services.GetRequiredService<Mirrorspace.Storage.Users.IUserStore>();
        var hasher = factory.Services.GetRequiredService<Mirrorspace.Security.Passwords.PasswordHasher>();
        Assert.True(await users.CreateAsync(
            new Mirrorspace.Storage.Users.UserRecord
            {
                TenantId = tenant.Id,
                Username = username,
                PasswordHash = hasher.Hash(Testing.Sessions.Password),
                Role = "admin",
                Clearance = "proprietary",
                CreatedAt = factory.Clock.GetUtcNow(),
            },
            TestContext.Current.CancellationToken));
        using var client = factory.CreateCookielessClient();

        using var refused = await client.SignInAsync(tenant.Id, username, Testing.Sessions.Password, "123456");
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Equal("Second factor enrolment required", problem["title"]?.GetValue<string>());
        Assert.Null(Testing.Sessions.SetCookie(refused));

        using var enrolment = await admin.SendAsync("POST", $"/api/v1/users/{username}/totp");
        var secret = Testing.Sessions.Base32Decode((await enrolment.ReadJsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>());
        using var signedIn = await client.SignInAsync(tenant.Id, username, Testing.Sessions.Password, Testing.Sessions.Code(secret, factory.Clock));
        Assert.Equal(HttpStatusCode.Created, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_ACodeUsedOnce_IsRefusedTheSecondTimeAndTheNextStepsCodeWorks()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "admin");
        using var client = factory.CreateCookielessClient();
        var code = Testing.Sessions.Code(user.TotpSecret!, factory.Clock);
        using (var first = await client.SignInAsync(tenant.Id, user.Username, user.Password, code))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var replay = await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, user.Password, code));
        var earlier = await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, user.Password, Testing.Sessions.Code(user.TotpSecret!, factory.Clock, -1)));

        Assert.Contains("Sign-in failed", replay, StringComparison.Ordinal);
        Assert.Equal(replay, earlier);
        Assert.Contains(await admin.EntriesAsync("auth.sign-in", $"user:{user.Username}"), e => e["reason"]?.GetValue<string>() == "TOTP code already used");
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var next = await client.SignInAsync(tenant.Id, user.Username, user.Password, Testing.Sessions.Code(user.TotpSecret!, factory.Clock));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(-40)]
    public async Task SignIn_CodeOfAStepOutsideTheWindow_IsRefusedAndCounts(int stepOffset)
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "admin");
        using var client = factory.CreateCookielessClient();

        var refusal = await RefusalAsync(client.SignInAsync(tenant.Id, user.Username, user.Password, Testing.Sessions.Code(user.TotpSecret!, factory.Clock, stepOffset)));

        Assert.Contains("Sign-in failed", refusal, StringComparison.Ordinal);
        Assert.Equal(1, (await admin.GetJsonAsync($"/api/v1/users/{user.Username}"))["failedAttempts"]?.GetValue<int>());
        Assert.Contains(await admin.EntriesAsync("auth.sign-in", $"user:{user.Username}"), e => e["reason"]?.GetValue<string>() == "wrong TOTP code");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task SignIn_CodeOfANeighbouringStep_IsAccepted(int stepOffset)
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "admin");
        using var client = factory.CreateCookielessClient();

        using var response = await client.SignInAsync(tenant.Id, user.Username, user.Password, Testing.Sessions.Code(user.TotpSecret!, factory.Clock, stepOffset));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_NotJson_Is415AndSignsNobodyIn()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");
        using var client = factory.CreateCookielessClient();
        var body = new JsonObject { ["tenant"] = tenant.Id, ["username"] = user.Username, ["password"] = user.Password }.ToJsonString();

        using var response = await client.PostAsync(
            new Uri("/api/v1/sessions", UriKind.Relative), HttpClientExtensions.Text(body, "text/plain"), TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Null(Testing.Sessions.SetCookie(response));
    }

    [Fact]
    public async Task SignIn_MissingAndUnknownFields_AreAllListed()
    {
        using var client = factory.CreateCookielessClient();

        using var response = await client.SendAsync("POST", "/api/v1/sessions", """{"username":7,"role":"admin"}""");

        var paths = await ProblemAssert.HasErrorsAsync(response);
        Assert.Equal(["$.role", "$.tenant", "$.username", "$.password"], paths);
    }

    private async Task<(TestTenant Tenant, HttpClient Admin)> TenantAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        return (tenant, factory.CreateClient(tenant.AdminKey));
    }

    /// <summary>The refusal's status and body, without the trace id every answer has of its own.</summary>
    private static async Task<string> RefusalAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(Testing.Sessions.SetCookie(response));
        problem.Remove("traceId");
        return $"{(int)response.StatusCode} {problem.ToJsonString()}";
    }
}
