using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Mirrorspace.Connectivity;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Runtime;
using Mirrorspace.Security.Tls;
using Mirrorspace.Storage.Devices;
using Mirrorspace.Storage.Encryption;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Access;
using Mirrorspace.Storage.Sqlite.Access;
using Mirrorspace.Storage.Sqlite.Devices;
using Mirrorspace.Storage.Sqlite.Integrity;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Server.Api;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Audit;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Audit;
using Mirrorspace.Security.Passwords;
using Mirrorspace.Server.Users;
using Mirrorspace.Storage.Sqlite.Users;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Server.Hosting;

/// <summary>Builds the node: HTTP API, twin runtime (Orleans, one silo on localhost) and the SQLite store.</summary>
public static class MirrorspaceApp
{
    /// <summary>
    /// Configuration comes from the usual host sources, then <c>appsettings.json</c> in the data
    /// directory, then environment variables again so <c>MIRRORSPACE__*</c> always wins.
    /// </summary>
    /// <param name="overrides">Command-line settings, applied last.</param>
    public static WebApplicationBuilder CreateBuilder(
        string[] args, string? dataDirectory = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (dataDirectory is not null)
        {
            var fullPath = Path.GetFullPath(dataDirectory);
            builder.Configuration.AddJsonFile(Path.Combine(fullPath, DataDirectory.SettingsFileName), optional: true, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration[$"{NodeOptions.Section}:DataDirectory"] = fullPath;
        }

        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // Standard output belongs to command results (e.g. --json); logs go to standard error.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        ConfigureServices(builder);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseMirrorspacePipeline();
        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = node.MaxRequestBodyBytes;

            // Runs when an https:// address binds, after the node has opened its data directory and made its certificate.
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = NodeTls.Load(node.DataDirectory));
        });
        if (!string.IsNullOrEmpty(node.HttpAddress))
        {
            builder.WebHost.UseUrls(node.HttpAddress);
        }

        services.AddSingleton<TwinSpaceHost>();
        services.AddHostedService(sp => sp.GetRequiredService<TwinSpaceHost>());
        services.AddSingleton(sp => sp.GetRequiredService<TwinSpaceHost>().Store);
        services.AddSingleton(sp => sp.GetRequiredService<TwinSpaceHost>().Keys);
        services.AddSingleton(sp => sp.GetRequiredService<TwinSpaceHost>().Rotation);
        services.AddMirrorspaceRuntime();
        services.AddSingleton<IDeviceStore>(sp => new SqliteDeviceStore(new SqliteStoreOptions
        {
            DatabasePath = sp.GetRequiredService<IOptions<NodeOptions>>().Value.DatabasePath,
        }));
        services.AddSingleton<IIntegrityStore>(sp => new EncryptingIntegrityStore(
            new SqliteIntegrityStore(new SqliteStoreOptions { DatabasePath = sp.GetRequiredService<IOptions<NodeOptions>>().Value.DatabasePath }),
            sp.GetRequiredService<KeyRing>()));
        services.AddSingleton<IAccessPolicyStore>(sp => new SqliteAccessPolicyStore(new SqliteStoreOptions
        {
            DatabasePath = sp.GetRequiredService<IOptions<NodeOptions>>().Value.DatabasePath,
        }));
        services.AddSingleton<IDeviceKeyCipher>(sp => new KeyRingDeviceKeyCipher(sp.GetRequiredService<KeyRing>()));
        services.AddSingleton<IUserStore>(sp => new SqliteUserStore(new SqliteStoreOptions
        {
            DatabasePath = sp.GetRequiredService<IOptions<NodeOptions>>().Value.DatabasePath,
        }));
        services.AddSingleton<ITotpSecretCipher>(sp => new KeyRingTotpSecretCipher(sp.GetRequiredService<KeyRing>()));
        services.AddSingleton(_ => new PasswordHasher());
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<UserSessions>();
        services.AddMirrorspaceConnectivity();
        services.AddOptions<MqttOptions>().PostConfigure<IOptions<NodeOptions>>((mqtt, nodeOptions) =>
        {
            mqtt.CertificatePath ??= Path.Combine(nodeOptions.Value.DataDirectory, NodeCertificates.CertificateFileName);
            mqtt.KeyPath ??= Path.Combine(nodeOptions.Value.DataDirectory, NodeCertificates.KeyFileName);
        });
        services.AddSingleton<IAuditStore>(sp => new SqliteAuditStore(new SqliteStoreOptions
        {
            DatabasePath = Path.Combine(sp.GetRequiredService<IOptions<NodeOptions>>().Value.DataDirectory, AuditFiles.DatabaseFileName),
        }));
        services.AddMirrorspaceAudit(sp => sp.GetRequiredService<IOptions<NodeOptions>>().Value.DataDirectory);
        services.AddMirrorspaceConnectors();

        builder.UseOrleans(silo =>
        {
            var siloPort = node.SiloPort == 0 ? FreePort.Pick() : node.SiloPort;
            silo.UseLocalhostClustering(siloPort, node.GatewayPort);
        });

        services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddMirrorspaceAuth();
        services.AddMirrorspaceApi();
        services.AddHealthChecks();
    }
}
