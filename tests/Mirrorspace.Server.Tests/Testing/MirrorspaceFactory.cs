using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// One node (HTTP API, Orleans silo, SQLite store) in memory, with its own temporary data
/// directory and a hand-moved clock. Start-up costs a second or two, so share one per test class.
/// </summary>
public class MirrorspaceFactory : WebApplicationFactory<Program>
{
    private readonly Lazy<Task<TestTenant>> _sharedTenant;

    public MirrorspaceFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), $"mirrorspace-server-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataDirectory);
        _sharedTenant = new(() => CreateTenantWithSampleModelsAsync());
    }

    public string DataDirectory { get; }

    public TestClock Clock { get; } = new();

    /// <summary>Creates a tenant with a key of each role; its id is unique within the node.</summary>
    public async Task<TestTenant> CreateTenantAsync(TimeProvider? keyClock = null)
    {
        var id = $"t-{Guid.NewGuid():N}"[..14];
        var store = Services.GetRequiredService<ITwinSpaceStore>();
        var provisioning = new TenantProvisioning(store, keyClock ?? Services.GetRequiredService<TimeProvider>());
        Assert.NotNull(await provisioning.CreateTenantAsync(id, $"Tenant {id}", CancellationToken.None));
        return new TestTenant(
            id,
            await provisioning.IssueApiKeyAsync(id, TenantRole.Admin, null, "test admin", CancellationToken.None),
            await provisioning.IssueApiKeyAsync(id, TenantRole.Operator, null, "test operator", CancellationToken.None),
            await provisioning.IssueApiKeyAsync(id, TenantRole.Viewer, null, "test viewer", CancellationToken.None));
    }

    /// <summary>Issues one more key for an existing tenant, e.g. with a lifetime or from another clock.</summary>
    public Task<string> IssueKeyAsync(string tenantId, TenantRole role, TimeSpan? lifetime, TimeProvider? keyClock = null)
    {
        var store = Services.GetRequiredService<ITwinSpaceStore>();
        var provisioning = new TenantProvisioning(store, keyClock ?? Services.GetRequiredService<TimeProvider>());
        return provisioning.IssueApiKeyAsync(tenantId, role, lifetime, "test key", CancellationToken.None);
    }

    /// <summary>A new tenant with every sample model published.</summary>
    public async Task<TestTenant> CreateTenantWithSampleModelsAsync()
    {
        var tenant = await CreateTenantAsync();
        using var admin = CreateClient(tenant.AdminKey);
        foreach (var file in SampleModels.AllFileNames())
        {
            using var response = await admin.PutModelAsync(SampleModels.IdOf(file), SampleModels.ReadText(file), SampleModels.MediaTypeOf(file));
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        }

        return tenant;
    }

    /// <summary>One tenant with the sample models, created on first use and shared by the tests of a class.</summary>
    public Task<TestTenant> SharedTenantAsync() => _sharedTenant.Value;

    /// <summary>A client sending <c>Authorization: Bearer {apiKey}</c>.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>A client without credentials that does not follow redirects, so every answer is seen as sent.</summary>
    public HttpClient CreateAnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Mirrorspace:DataDirectory", DataDirectory);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
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
}
