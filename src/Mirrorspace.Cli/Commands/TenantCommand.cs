using System.CommandLine;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace tenant add</c> (see <see cref="TenantAddCommand"/>) and <c>mirrorspace tenant erase</c>: crypto-shreds a whole tenant on a stopped node. Its keys are
/// destroyed, so every copy of its data — backups included — is unreadable, and its rows are
/// removed, so its API keys stop working at once. The erasure is audited.
/// </summary>
internal static class TenantCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var tenant = new Option<string>("--tenant") { Description = "The tenant id.", Required = true };
        var confirm = new Option<string?>("--confirm") { Description = "The tenant id again: erasure cannot be undone." };
        var json = CommonOptions.Json();
        var erase = new Command("erase", "Destroy a tenant's keys and data for good.") { data, tenant, confirm, json };
        erase.SetAction((result, ct) => EraseAsync(result.GetValue(data)!, result.GetValue(tenant)!, result.GetValue(confirm), result.GetValue(json), ct));
        return new Command("tenant", "Tenants: creation, and erasure by crypto-shredding.") { TenantAddCommand.Create(), erase };
    }

    private static async Task<int> EraseAsync(string dataDirectory, string tenantId, string? confirm, bool json, CancellationToken cancellationToken)
    {
        if (confirm != tenantId)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, $"Erasure cannot be undone: repeat the tenant id with --confirm {tenantId}.");
        }

        var (offline, exitCode) = await OfflineTwinSpace.OpenAsync(dataDirectory, cancellationToken);
        if (offline is null)
        {
            return exitCode;
        }

        bool erased;
        await using (offline)
        {
            erased = await offline.Space.Keys.EraseTenantAsync(tenantId, cancellationToken);
        }

        if (!erased)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, $"Tenant '{tenantId}' does not exist.");
        }

        await OfflineAudit.RecordAsync(
            dataDirectory,
            new AuditRecord
            {
                TenantId = tenantId,
                Principal = $"cli:{Environment.UserName}",
                Action = AuditActions.TenantErase,
                Resource = $"tenant/{tenantId}",
                Outcome = AuditOutcome.Success,
                Reason = "tenant keys destroyed and rows removed",
            },
            cancellationToken);
        if (json)
        {
            ConsoleOutput.Json(new { tenant = tenantId, erased });
        }
        else
        {
            Console.WriteLine($"Erased tenant {tenantId}: its keys and data are gone for good.");
        }

        return ExitCodes.Success;
    }
}
