using System.CommandLine;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Hosting;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace platform key --data DIR</c>: a new platform administrator key on a stopped node, printed
/// once; every earlier platform key stops working. For a lost key, a suspected leak, or a data directory
/// made before the platform administrator existed (<c>init</c> prints the first one).
/// </summary>
internal static class PlatformCommand
{
    public static Command Create()
    {
        var (data, json) = (CommonOptions.Data(required: true), CommonOptions.Json());
        var key = new Command("key", "Issue a new platform administrator key (mpa_…) and revoke the earlier ones.") { data, json };
        key.SetAction((result, ct) => IssueAsync(result.GetValue(data)!, result.GetValue(json), ct));
        return new Command("platform", "The platform administrator, who manages tenants and reads none of their data.") { key };
    }

    private static async Task<int> IssueAsync(string dataDirectory, bool json, CancellationToken cancellationToken)
    {
        var (offline, exitCode) = await OfflineTwinSpace.OpenAsync(dataDirectory, cancellationToken);
        if (offline is null)
        {
            return exitCode;
        }

        string text;
        await using (offline)
        {
            text = await new TenantProvisioning(offline.Space.Store, TimeProvider.System).IssuePlatformKeyAsync(cancellationToken);
            await OfflineAudit.RecordAsync(
                dataDirectory,
                new AuditRecord
                {
                    Principal = $"cli:{Environment.UserName}",
                    Action = AuditActions.PlatformKeyIssue,
                    Resource = "platform/key",
                    Outcome = AuditOutcome.Success,
                    Reason = "earlier platform keys revoked",
                },
                cancellationToken);
        }

        if (json)
        {
            ConsoleOutput.Json(new { platformAdminKey = text });
        }
        else
        {
            Console.WriteLine($"Platform administrator key: {text}");
            Console.WriteLine("The key is shown only now; earlier platform keys no longer work.");
        }

        return ExitCodes.Success;
    }
}
