using Mirrorspace.Domain.Access;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Storage;

namespace Mirrorspace.Connectivity.Sftp.Tests.Testing;

/// <summary>
/// A whole node in memory (HTTP API, Orleans silo, encrypted SQLite store, audit log) with its own
/// data directory. The scheduler is off, so runs happen only when a test asks; ledger windows are
/// small, so a file of a few lines already spans several.
/// </summary>
public sealed class SftpNode : WebApplicationFactory<Program>
{
    public const string PumpModel = "centrifugal-pump";
    public const int WindowEntries = 2;

    public SftpNode()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), $"mirrorspace-sftp-node-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataDirectory);
        MasterKeyFile.CreateNew(Path.Combine(DataDirectory, MasterKeyFile.DefaultFileName)).Dispose();
    }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, global::Mirrorspace.Server.Hosting.DataDirectory.DatabaseFileName);

    /// <summary>A new tenant with the pump model published; returns its id and an admin client.</summary>
    public async Task<(string TenantId, HttpClient Admin)> CreateTenantAsync()
    {
        var id = $"t-{Guid.NewGuid():N}"[..14];
        var store = Services.GetRequiredService<ITwinSpaceStore>();
        var provisioning = new TenantProvisioning(store, TimeProvider.System);
        Assert.NotNull(await provisioning.CreateTenantAsync(id, $"Tenant {id}", Ct));
        var key = await provisioning.IssueApiKeyAsync(id, TenantRole.Admin, null, "sftp tests", Ct);
        var admin = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var model = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", PumpModel + ".json"), Ct);
        using (var response = await admin.PutAsync(new Uri($"/api/v1/models/{PumpModel}", UriKind.Relative), Json(model), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        return (id, admin);
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return Assert.IsType<JsonObject>(JsonNode.Parse(text));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Mirrorspace:DataDirectory", DataDirectory);
        builder.UseSetting("Mirrorspace:Sftp:SchedulerEnabled", "false");
        builder.UseSetting("Mirrorspace:Sftp:WindowEntries", WindowEntries.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Nodes of test classes running side by side must not all claim MQTT's 8883.
        builder.UseSetting("Mirrorspace:Mqtt:TlsAddress", "127.0.0.1:0");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
