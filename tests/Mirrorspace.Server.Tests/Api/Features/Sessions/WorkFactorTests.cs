using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Security.Passwords;
using Mirrorspace.Server.Tests.Testing;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Server.Tests.Api.Features.Sessions;

/// <summary>A node with its own password hasher, at the real work factor (most test nodes use a cheap one).</summary>
public sealed class RealWorkFactorFactory : MirrorspaceFactory
{
    protected override int? PasswordIterations => null;
}

/// <summary>
/// The password hash at the node's own work factor: new hashes get it, an older hash is replaced at the
/// next sign-in, and a sign-in for a name that does not exist spends the same hashing time as a wrong password.
/// </summary>
public sealed class WorkFactorTests(RealWorkFactorFactory factory) : IClassFixture<RealWorkFactorFactory>
{
    [Fact]
    public async Task Create_HashesWith600000IterationsOfPbkdf2Sha256()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");

        var stored = await Users().GetAsync(tenant.Id, user.Username, TestContext.Current.CancellationToken);

        Assert.StartsWith("$pbkdf2-sha256$i=600000$", stored!.PasswordHash, StringComparison.Ordinal);
        Assert.True(PasswordHash.TryParse(stored.PasswordHash, out var hash));
        Assert.Equal(16, hash.Salt.Length);
        Assert.Equal(32, hash.Hash.Length);
    }

    [Fact]
    public async Task SignIn_WithAHashOfAnOlderWorkFactor_SucceedsAndStoresTheCurrentOne()
    {
        var (tenant, _) = await TenantAsync();
        var old = new PasswordHasher(iterations: 100_000).Hash(Testing.Sessions.Password);
        Assert.True(await Users().CreateAsync(
            new UserRecord
            {
                TenantId = tenant.Id,
                Username = "old-hash",
                PasswordHash = old,
                Role = "viewer",
                Clearance = "proprietary",
                CreatedAt = factory.Clock.GetUtcNow(),
            },
            TestContext.Current.CancellationToken));

        await factory.SignInAsync(new TestUser(tenant.Id, "old-hash", Testing.Sessions.Password, null));

        var stored = await Users().GetAsync(tenant.Id, "old-hash", TestContext.Current.CancellationToken);
        Assert.NotEqual(old, stored!.PasswordHash);
        Assert.StartsWith("$pbkdf2-sha256$i=600000$", stored.PasswordHash, StringComparison.Ordinal);
        await factory.SignInAsync(new TestUser(tenant.Id, "old-hash", Testing.Sessions.Password, null));
    }

    [Fact]
    public async Task SignIn_UnknownUser_TakesAsLongAsAWrongPassword()
    {
        var (tenant, admin) = await TenantAsync();
        var user = await admin.AddUserAsync(tenant.Id, "viewer");
        using var client = factory.CreateCookielessClient();

        // The fastest of a few of each: a sign-in without the hash would take a hundredth of one with it.
        var wrongPassword = await FastestAsync(() => client.SignInAsync(tenant.Id, user.Username, "wrong-password-here"));
        var unknownUser = await FastestAsync(() => client.SignInAsync(tenant.Id, "nobody-here", "wrong-password-here"));
        var unknownTenant = await FastestAsync(() => client.SignInAsync("no-such-tenant", user.Username, "wrong-password-here"));

        Assert.True(unknownUser >= wrongPassword * 0.25, $"unknown user {unknownUser.TotalMilliseconds:0} ms, wrong password {wrongPassword.TotalMilliseconds:0} ms");
        Assert.True(unknownTenant >= wrongPassword * 0.25, $"unknown tenant {unknownTenant.TotalMilliseconds:0} ms, wrong password {wrongPassword.TotalMilliseconds:0} ms");
    }

    private static async Task<TimeSpan> FastestAsync(Func<Task<HttpResponseMessage>> signIn)
    {
        var fastest = TimeSpan.MaxValue;
        for (var i = 0; i < 2; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await signIn();
            watch.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            fastest = watch.Elapsed < fastest ? watch.Elapsed : fastest;
        }

        return fastest;
    }

    private IUserStore Users() => factory.Services.GetRequiredService<IUserStore>();

    private async Task<(TestTenant Tenant, HttpClient Admin)> TenantAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        return (tenant, factory.CreateClient(tenant.AdminKey));
    }
}
