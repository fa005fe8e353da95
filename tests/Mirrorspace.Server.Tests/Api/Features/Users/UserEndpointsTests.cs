using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Users;

/// <summary>
/// Managing local users: admins add, list, read and delete them; the password policy's every broken
/// rule is reported at once; a user enrols and confirms their own second factor, and may not touch another's.
/// </summary>
public sealed class UserEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Create_BadPasswordAndFields_ReportsEveryBrokenRuleAtOnce()
    {
        var (_, admin) = await TenantAsync();

        using var response = await admin.SendAsync("POST", "/api/v1/users", """{"username":"Password","password":"password","role":"root","clearance":"secret","extra":1}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsArray().Select(e => $"{e!["path"]}: {e["message"]}").ToList();
        Assert.Equal(
            [
                "$.extra: Unknown field.",
                "$.password: Must be at least 12 characters long.",
                "$.password: Must not be the username.",
                "$.password: Is one of the most common passwords; choose another.",
                "$.role: Must be viewer, analyst, operator, auditor or admin.",
                "$.clearance: Must be public, community, consortium, proprietary, personal or health.",
            ],
            errors);
    }

    [Fact]
    public async Task Create_PasswordContainingTheUsername_IsRefused()
    {
        var (_, admin) = await TenantAsync();

        using var response = await admin.SendAsync("POST", "/api/v1/users", """{"username":"marta","password":"my-name-is-marta-ok","role":"viewer"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("$.password: Must not contain the username.", $"{problem["errors"]![0]!["path"]}: {problem["errors"]![0]!["message"]}");
    }

    [Fact]
    public async Task Create_ListAndRead_ShowNoSecretAndAnAdminsTotpOnceAtCreation()
    {
        var (tenant, admin) = await TenantAsync();

        using var response = await admin.SendAsync("POST", "/api/v1/users", $$"""{"username":"Ada@Example.org","password":"{{Testing.Sessions.Password}}","role":"admin","clearance":"health","purpose":"care"}""");

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("/api/v1/users/ada@example.org", response.Headers.Location?.OriginalString);
        Assert.Equal("ada@example.org", created["user"]?["username"]?.GetValue<string>());
        Assert.Equal("health", created["user"]?["clearance"]?.GetValue<string>());
        Assert.Equal("care", created["user"]?["purpose"]?.GetValue<string>());
        var secret = created["totp"]!["secret"]!.GetValue<string>();
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        Assert.StartsWith("otpauth://totp/Mirrorspace%3A", created["totp"]!["otpauthUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"secret={secret}&issuer=Mirrorspace", created["totp"]!["otpauthUri"]!.GetValue<string>(), StringComparison.Ordinal);
        var read = await admin.GetJsonAsync("/api/v1/users/ada@example.org");
        var listed = await admin.GetJsonAsync("/api/v1/users");
        Assert.Equal("pending", read["totp"]?.GetValue<string>());
        Assert.Contains(listed["items"]!.AsArray(), u => u!["username"]?.GetValue<string>() == "ada@example.org");
        foreach (var text in new[] { read.ToJsonString(), listed.ToJsonString() })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("pbkdf2", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Testing.Sessions.Password, text, StringComparison.Ordinal);
        }

        Assert.Null((await admin.GetJsonAsync($"/api/v1/users?limit=1000"))["next"]);
        using var auditor = factory.CreateClient(tenant.AuditorKey);
        Assert.Equal("ada@example.org", (await auditor.GetJsonAsync("/api/v1/users/ada@example.org"))["username"]?.GetValue<string>());
    }

    [Fact]
    public async Task Create_TakenName_Is409()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");

        using var response = await admin.SendAsync("POST", "/api/v1/users", $$"""{"username":"{{user.Username}}","password":"{{Testing.Sessions.Password}}","role":"viewer"}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Totp_SelfEnrolmentAndConfirmation_ThenSignInNeedsACode()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "operator");
        using var client = factory.CreateSessionClient(await factory.SignInAsync(user));

        using var enrol = await client.SendAsync("POST", $"/api/v1/users/{user.Username}/totp");
        var secret = Testing.Sessions.Base32Decode((await enrol.ReadJsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>());
        using var wrongCode = await client.SendAsync("POST", $"/api/v1/users/{user.Username}/totp/confirm", $$"""{"code":"{{Testing.Sessions.Code(secret, factory.Clock, 3)}}"}""");
        using var confirm = await client.SendAsync("POST", $"/api/v1/users/{user.Username}/totp/confirm", $$"""{"code":"{{Testing.Sessions.Code(secret, factory.Clock)}}"}""");

        Assert.Equal(["$.code"], await ProblemAssert.HasErrorsAsync(wrongCode));
        Assert.Equal("confirmed", (await confirm.ReadJsonAsync(HttpStatusCode.OK))["totp"]?.GetValue<string>());
        using var anonymous = factory.CreateCookielessClient();
        using var withoutCode = await anonymous.SignInAsync(tenant.Id, user.Username, user.Password);
        await ProblemAssert.IsProblemAsync(withoutCode, HttpStatusCode.Unauthorized);

        // The code that confirmed the secret is used up: the next step's code signs in.
        using var sameCode = await anonymous.SignInAsync(tenant.Id, user.Username, user.Password, Testing.Sessions.Code(secret, factory.Clock));
        Assert.Equal("Sign-in failed", (await ProblemAssert.IsProblemAsync(sameCode, HttpStatusCode.Unauthorized))["title"]?.GetValue<string>());
        using var nextCode = await anonymous.SignInAsync(tenant.Id, user.Username, user.Password, Testing.Sessions.Code(secret, factory.Clock, 1));
        Assert.Equal(HttpStatusCode.Created, nextCode.StatusCode);
    }

    [Fact]
    public async Task Totp_AnotherUsersEnrolment_IsForbiddenToANonAdmin()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "operator");
        var victim = await admin.AddUserAsync(tenant.Id, "viewer");
        using var client = factory.CreateSessionClient(await factory.SignInAsync(user));

        using var enrol = await client.SendAsync("POST", $"/api/v1/users/{victim.Username}/totp");
        using var confirm = await client.SendAsync("POST", $"/api/v1/users/{victim.Username}/totp/confirm", """{"code":"123456"}""");

        await ProblemAssert.IsProblemAsync(enrol, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(confirm, HttpStatusCode.Forbidden);
        Assert.Equal("none", (await admin.GetJsonAsync($"/api/v1/users/{victim.Username}"))["totp"]?.GetValue<string>());
    }

    [Fact]
    public async Task Totp_ConfirmWithoutEnrolment_Is409()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");

        using var confirm = await admin.SendAsync("POST", $"/api/v1/users/{user.Username}/totp/confirm", """{"code":"123456"}""");

        await ProblemAssert.IsProblemAsync(confirm, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Users_OfAnotherTenant_AreNotThere()
    {
        var (tenant, admin) = await TenantAsync();
        var (_, otherAdmin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");

        using var read = await otherAdmin.GetPathAsync($"/api/v1/users/{user.Username}");
        using var delete = await otherAdmin.DeletePathAsync($"/api/v1/users/{user.Username}");
        using var absent = await otherAdmin.GetPathAsync("/api/v1/users/nobody-at-all");

        var foreign = await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
        var none = await ProblemAssert.IsProblemAsync(absent, HttpStatusCode.NotFound);
        Assert.Equal(foreign["title"]?.GetValue<string>(), none["title"]?.GetValue<string>());
        Assert.Null((await admin.GetJsonAsync($"/api/v1/users/{user.Username}"))["deletedAt"]);
    }

    private async Task<(TestTenant Tenant, HttpClient Admin)> TenantAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        return (tenant, factory.CreateClient(tenant.AdminKey));
    }
}
