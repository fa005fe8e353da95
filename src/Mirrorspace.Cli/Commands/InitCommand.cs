using Mirrorspace.Domain.Access;
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
            Console.WriteLine($"CA for MQTT/HTTPS clients: {Path.Combine(result.DataDirectory, NodeCertificates.CaFileName)}");
            Console.WriteLine("The key is shown only now; store it safely. Start the node with: mirrorspace serve --data " + dataDirectory);
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
        await provisioning.CreateTenantAsync(tenantId, tenantName, cancellationToken);
        // The tenant's first admin is cleared for every data class, so it can issue keys for any class;
        // it still reads personal and health values only for a purpose the tenant's policy allows.
        var key = await provisioning.IssueApiKeyAsync(
            tenantId, TenantRole.Admin, lifetime: null, "initial admin key", cancellationToken, Domain.Models.DataClassification.Health);
        return new InitResult(path, tenantId, key);
    }

    internal sealed record InitResult(string DataDirectory, string Tenant, string ApiKey);
}
