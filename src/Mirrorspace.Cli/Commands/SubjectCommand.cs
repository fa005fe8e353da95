using System.CommandLine;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace subject erase</c>: crypto-shreds one data subject on a stopped node. The subject's
/// key is destroyed, so every personal and health value sealed with it reads as erased at once,
/// while everything else stays readable. The erasure itself goes into the audit log.
/// </summary>
internal static class SubjectCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var tenant = new Option<string>("--tenant") { Description = "The tenant id.", Required = true };
        var subject = new Option<string>("--subject") { Description = "The data subject id (as given when the twin was created).", Required = true };
        var json = CommonOptions.Json();
        var erase = new Command("erase", "Destroy a data subject's key: their personal and health values become unreadable for good.") { data, tenant, subject, json };
        erase.SetAction((result, ct) => EraseAsync(result.GetValue(data)!, result.GetValue(tenant)!, result.GetValue(subject)!, result.GetValue(json), ct));
        return new Command("subject", "Data subjects: erasure by crypto-shredding.") { erase };
    }

    private static async Task<int> EraseAsync(string dataDirectory, string tenantId, string subjectId, bool json, CancellationToken cancellationToken)
    {
        var (offline, exitCode) = await OfflineTwinSpace.OpenAsync(dataDirectory, cancellationToken);
        if (offline is null)
        {
            return exitCode;
        }

        bool erased;
        await using (offline)
        {
            erased = await offline.Space.Keys.EraseSubjectAsync(tenantId, subjectId, cancellationToken);
        }

        await OfflineAudit.RecordAsync(
            dataDirectory,
            new AuditRecord
            {
                TenantId = tenantId,
                Principal = $"cli:{Environment.UserName}",
                Action = AuditActions.SubjectErase,
                Resource = $"subject/{subjectId}",
                Outcome = AuditOutcome.Success,
                Reason = erased ? "subject key destroyed" : "already erased",
            },
            cancellationToken);
        if (json)
        {
            ConsoleOutput.Json(new { tenant = tenantId, subject = subjectId, erased, alreadyErased = !erased });
        }
        else
        {
            Console.WriteLine(erased
                ? $"Erased subject {subjectId} of tenant {tenantId}: their personal and health values are unreadable from now on."
                : $"Subject {subjectId} of tenant {tenantId} was already erased.");
        }

        return ExitCodes.Success;
    }
}
