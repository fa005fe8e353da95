using System.CommandLine;
using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Api.Features.ApiKeys;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Server.Hosting.Keys;

namespace Mirrorspace.Cli.Commands;

/// <summary><c>mirrorspace tenant add NAME [--id ID]</c>: a new tenant on a stopped node and its first admin key, printed once; audited in the tenant's log.</summary>
internal static class TenantAddCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The tenant's display name; its id is derived from it unless --id is given." };
        var id = new Option<string?>("--id") { Description = "The tenant id: 2-63 lowercase letters, digits or '-'." };
        var expires = DurationOption.Create("--expires", "How long the first admin key lives (default 90d, at most 365d).");
        var (data, json) = (CommonOptions.Data(required: true), CommonOptions.Json());
        var command = new Command("add", "Create a tenant and its first admin API key (the node must be stopped).") { name, id, data, expires, json };
        command.SetAction((result, ct) => RunAsync(
            result.GetValue(data)!, result.GetValue(name)!, result.GetValue(id), result.GetValue(expires), result.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, string name, string? id, TimeSpan? expires, bool json, CancellationToken cancellationToken)
    {
        var limits = new ApiKeyOptions();
        var tenantId = id ?? TenantProvisioning.TenantIdFromName(name);
        if (!TenantProvisioning.IsValidName(name))
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, $"NAME must be 1-{TenantProvisioning.MaxNameLength} characters without control characters.");
        }

        if (!Identifiers.IsValidTenantId(tenantId))
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, $"'{tenantId}' is not a valid tenant id: use 2-63 lowercase letters, digits or '-' (or pass --id).");
        }

        var lifetime = expires ?? limits.DefaultLifetime;
        if (lifetime > limits.MaxLifetime)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, $"--expires: at most {ApiKeyRules.Describe(limits.MaxLifetime)}.");
        }

        var (offline, exitCode) = await OfflineTwinSpace.OpenAsync(dataDirectory, cancellationToken);
        if (offline is null)
        {
            return exitCode;
        }

        var principal = $"cli:{Environment.UserName}";
        CreatedTenant? created;
        await using (offline)
        {
            created = await new TenantProvisioning(offline.Space.Store, TimeProvider.System)
                .CreateTenantWithAdminAsync(tenantId, name.Trim(), lifetime, principal, cancellationToken);
            if (created is null)
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, $"Tenant '{tenantId}' already exists.");
            }

            await OfflineAudit.RecordAsync(
                dataDirectory,
                new AuditRecord
                {
                    TenantId = tenantId,
                    Principal = principal,
                    Action = AuditActions.TenantCreate,
                    Resource = $"tenant/{tenantId}",
                    Outcome = AuditOutcome.Success,
                    Reason = $"first admin key {created.Key.Record.KeyId}",
                },
                cancellationToken);
        }

        if (json)
        {
            ConsoleOutput.Json(new { tenant = tenantId, name = created.Tenant.Name, apiKey = created.Key.Text, key = ApiKeyDto.From(created.Key.Record) });
        }
        else
        {
            Console.WriteLine($"Tenant:        {tenantId} ({created.Tenant.Name})");
            Console.WriteLine($"Admin API key: {created.Key.Text}");
            Console.WriteLine($"The key is shown only now and expires {created.Key.Record.ExpiresAt:u}; store it safely.");
        }

        return ExitCodes.Success;
    }
}
