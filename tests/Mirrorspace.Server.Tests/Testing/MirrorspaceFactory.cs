using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Security.Crypto;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Security.Passwords;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// One node (HTTP API, Orleans silo, SQLite store) in memory, with its own temporary data
/// directory and a hand-moved clock. Start-up costs a second or two, so share one per test class.
/// </summary>
public class MirrorspaceFactory : WebApplicationFactory<Program>
{
    private readonly Lazy<Task<TestTenant>> _tenantA;
    private readonly Lazy<Task<TestTenant>> _tenantB;
    private readonly Lazy<Task<string>> _platformKey;

    public MirrorspaceFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), $"mirrorspace-server-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataDirectory);

        // The node refuses to start without its master key, as `mirrorspace init` would have made it.
        MasterKeyFile.CreateNew(Path.Combine(DataDirectory, MasterKeyFile.DefaultFileName)).Dispose();
        _tenantA = new(() => CreateTenantWithModelsAsync(SampleModelFiles));
        _tenantB = new(() => CreateTenantWithModelsAsync(SampleModelFiles));
        _platformKey = new(() => Provisioning().IssuePlatformKeyAsync(CancellationToken.None));
    }

    public string DataDirectory { get; }

    /// <summary>The node's clock: twin events, rate-of-change checks and key expiry all read it.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>
    /// The PBKDF2 work factor of the test node's password hashes: far below the node's own (600,000), so
    /// tests that add users and sign in by the hundred stay fast; null keeps the node's own hasher.
    /// </summary>
    protected virtual int? PasswordIterations => 1_000;

    /// <summary>The sample models every shared tenant starts with.</summary>
    protected virtual IReadOnlyList<string> SampleModelFiles => [.. SampleModels.AllFileNames()];

    /// <summary>A tenant with the sample models, shared by the tests of a class (they use unique twin ids).</summary>
    public Task<TestTenant> TenantAAsync() => _tenantA.Value;

    /// <summary>A second tenant on the same node with the same models, to show that tenants never see each other.</summary>
    public Task<TestTenant> TenantBAsync() => _tenantB.Value;

    /// <summary>The node's platform administrator key (<c>mpa_…</c>), issued once per node as <c>init</c> does; it belongs to no tenant.</summary>
    public Task<string> PlatformAdminKeyAsync() => _platformKey.Value;

    /// <summary>Creates a tenant with a key of each role; its id is unique within the node.</summary>
    public async Task<TestTenant> CreateTenantAsync()
    {
        var id = $"t-{Guid.NewGuid():N}"[..14];
        Assert.NotNull(await Provisioning().CreateTenantAsync(id, $"Tenant {id}", CancellationToken.None));
        return new TestTenant(
            id,
            await IssueKeyAsync(id, TenantRole.Admin, lifetime: null),
            await IssueKeyAsync(id, TenantRole.Operator, lifetime: null),
            await IssueKeyAsync(id, TenantRole.Viewer, lifetime: null),
            await IssueKeyAsync(id, TenantRole.Analyst, lifetime: null),
            await IssueKeyAsync(id, TenantRole.Auditor, lifetime: null));
    }

    /// <summary>A new tenant with the given sample model files published.</summary>
    public async Task<TestTenant> CreateTenantWithModelsAsync(IEnumerable<string> sampleFiles)
    {
        ArgumentNullException.ThrowIfNull(sampleFiles);
        var tenant = await CreateTenantAsync();
        using var admin = CreateClient(tenant.AdminKey);
        foreach (var file in sampleFiles)
        {
            using var response = await admin.PutModelAsync(SampleModels.IdOf(file), SampleModels.ReadText(file), SampleModels.MediaTypeOf(file));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        return tenant;
    }

    /// <summary>Issues one more key, through the same provisioning the CLI uses, dated by the node's clock.</summary>
    public Task<string> IssueKeyAsync(string tenantId, TenantRole role, TimeSpan? lifetime) =>
        Provisioning().IssueApiKeyAsync(tenantId, role, lifetime, $"test {role}", CancellationToken.None);

    /// <summary>The purpose of use the care policy allows for personal and health values.</summary>
    public const string CarePurpose = "care";

    /// <summary>
    /// A key of <paramref name="role"/> cleared for health data and bound to the purpose <see cref="CarePurpose"/>,
    /// after giving the tenant a policy that allows that purpose for personal and health values.
    /// </summary>
    public async Task<string> IssueCareKeyAsync(TestTenant tenant, TenantRole role)
    {
        await PutAccessPolicyAsync(tenant, CarePolicy);
        return await Provisioning().IssueApiKeyAsync(
            tenant.Id, role, lifetime: null, $"test {role} for care", CancellationToken.None, DataClassification.Health, CarePurpose);
    }

    /// <summary>An access policy that lets personal and health values be read for care.</summary>
    public const string CarePolicy = """{"purposes":["care","research"],"purposeOfUse":{"health":["care"],"personal":["care"]}}""";

    /// <summary>A key with a clearance, optionally bound to a purpose and confined to resource selectors.</summary>
    public Task<string> IssueKeyAsync(string tenantId, TenantRole role, DataClassification clearance, string? purpose = null, IReadOnlyList<string>? scopes = null) =>
        Provisioning().IssueApiKeyAsync(tenantId, role, lifetime: null, $"test {role} {clearance}", CancellationToken.None, clearance, purpose, scopes);

    /// <summary>Replaces the tenant's access policy through the API, as its admin.</summary>
    public async Task PutAccessPolicyAsync(TestTenant tenant, string policy)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        using var admin = CreateClient(tenant.AdminKey);
        using var response = await admin.SendAsync("PUT", "/api/v1/access/policy", policy);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
    /// <summary>Issues a key with a grant of its own (clearance, purpose, scopes), dated by the node's clock.</summary>
    public async Task<string> IssueKeyAsync(string tenantId, AccessGrant grant, TimeSpan? lifetime) =>
        (await Provisioning().IssueApiKeyAsync(
            tenantId, new Server.Hosting.Keys.ApiKeyRequest { Grant = grant, Lifetime = lifetime, Description = "test grant" }, CancellationToken.None)).Text;

    /// <summary>A client sending <c>Authorization: Bearer {apiKey}</c>.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>A client without credentials that does not follow redirects, so every answer is seen as sent.</summary>
    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });

    /// <summary>Where clients send their requests; the in-memory test server answers any host.</summary>
    protected virtual Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Production, as deployed: error responses are the ones real callers get.
        builder.UseEnvironment("Production");
        builder.UseSetting("Mirrorspace:DataDirectory", DataDirectory);

        // Every test node runs its MQTT broker, each on a free port.
        builder.UseSetting("Mirrorspace:Mqtt:TlsAddress", "127.0.0.1:0");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (PasswordIterations is { } iterations)
            {
                services.RemoveAll<PasswordHasher>();
                services.AddSingleton(new PasswordHasher(iterations));
            }

            // Orleans reads the same clock for its timers' due times, so each hand move looks like a late
            // timer and a degraded silo; those warnings describe the test clock, not the node.
            services.AddLogging(logging => logging.AddFilter("Orleans", LogLevel.Error));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private TenantProvisioning Provisioning() =>
        new(Services.GetRequiredService<ITwinSpaceStore>(), Services.GetRequiredService<TimeProvider>());
}
