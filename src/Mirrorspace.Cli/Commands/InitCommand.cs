using System.CommandLine;
using Mirrorspace.Security.Tls;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Keys;

namespace Mirrorspace.Cli.Commands;

/// <summary><c>mirrorspace init --data DIR</c>: a new data directory, a tenant and its first admin key, shown once.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var tenant = new Option<string>("--tenant") { Description = "Display name of the first tenant.", DefaultValueFactory = _ => "Default" };
        var json = CommonOptions.Json();
        var command = new Command("init", "Create a data directory with a tenant and its first admin API key.") { data, tenant, json };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(data)!, result.GetValue(tenant)!, result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, string tenantName, bool json, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(dataDirectory);
        if (DataDirectory.IsInitialized(path))
        {
            return ConsoleOutput.Error(ExitCodes.AlreadyInitialized, $"{path} is already initialized.");
        }

        var tenantId = TenantProvisioning.TenantIdFromName(tenantName);
        if (!Mirrorspace.Domain.Common.Identifiers.IsValidTenantId(tenantId))
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, $"'{tenantName}' does not make a valid tenant id; use letters and digits.");
        }

        var result = await InitializeAsync(path, tenantId, tenantName, cancellationToken);
        if (json)
        {
            ConsoleOutput.Json(result);
        }
        else
        {
            Console.WriteLine($"Initialized {result.DataDirectory}");
            Console.WriteLine($"Tenant:        {result.Tenant}");
            Console.WriteLine($"Admin API key: {result.ApiKey}");
            Console.WriteLine($"Platform administrator key (manages tenants, reads none of their data): {result.PlatformAdminKey}");
            Console.WriteLine($"CA for MQTT/HTTPS clients: {Path.Combine(result.DataDirectory, NodeCertificates.CaFileName)}");
            Console.WriteLine("The keys are shown only now; store them safely. Start the node with: mirrorspace serve --data " + dataDirectory);
        }

        return ExitCodes.Success;
    }

    public static async Task<InitResult> InitializeAsync(string path, string tenantId, string tenantName, CancellationToken cancellationToken)
    {
        DataDirectory.Create(path);
        NodeTls.EnsureCreated(path, TimeProvider.System);
        using var masterKey = MasterKeyFile.CreateNew(Path.Combine(path, MasterKeyFile.DefaultFileName));
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(path, DataDirectory.DatabaseFileName) };
        await using var space = await SqliteEncryption.OpenAsync(options, masterKey, TimeProvider.System, cancellationToken);
        var provisioning = new TenantProvisioning(space.Store, TimeProvider.System);

        // The data directory's first key never expires: it is what an operator starts from, before any key management exists.
        var created = await provisioning.CreateTenantWithAdminAsync(tenantId, tenantName, lifetime: null, $"cli:{Environment.UserName}", cancellationToken)
            ?? throw new InvalidOperationException($"A new data directory already holds tenant '{tenantId}'.");
        var platformKey = await provisioning.IssuePlatformKeyAsync(cancellationToken);
        return new InitResult(path, tenantId, created.Key.Text, platformKey);
    }

    /// <param name="PlatformAdminKey">The platform administrator's key (<c>mpa_…</c>): it creates tenants and grants break-glass access, and reads no tenant's data.</param>
    internal sealed record InitResult(string DataDirectory, string Tenant, string ApiKey, string PlatformAdminKey);
}
