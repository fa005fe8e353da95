using System.Globalization;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>
/// The audit entries of a run: one <c>connector.run</c> per run with its counts and the refused
/// rows' file:line (never a row's content or a twin's error text, which may quote a value), and a
/// <c>connector.host-key-refused</c> security event when the server's key was not the pinned one.
/// </summary>
internal static class RunAudit
{
    private const int MaxLinesNamed = 20;

    public static AuditRecord Run(ConnectorRecord connector, string principal, ConnectorRunResult result) => new()
    {
        TenantId = connector.TenantId,
        Principal = principal,
        Action = AuditActions.ConnectorRun,
        Resource = Resource(connector),
        Outcome = result.Status switch
        {
            ConnectorRunStatus.Completed when result.RowsRefused == 0 && result.FilesFailed == 0 => AuditOutcome.Success,
            ConnectorRunStatus.HostKeyRefused or ConnectorRunStatus.AuthenticationFailed => AuditOutcome.Denied,
            _ => AuditOutcome.Failed,
        },
        Reason = Summary(result),
    };

    public static AuditRecord HostKeyRefused(ConnectorRecord connector, string principal, string error) => new()
    {
        TenantId = connector.TenantId,
        Principal = principal,
        Action = AuditActions.ConnectorHostKeyRefused,
        Resource = Resource(connector),
        Outcome = AuditOutcome.Denied,
        Reason = $"{connector.Host}:{connector.Port.ToString(CultureInfo.InvariantCulture)}: {error} Pinned: {connector.HostKeyFingerprint}.",
    };

    private static string Resource(ConnectorRecord connector) => $"connectors/{connector.ConnectorId}";

    private static string Summary(ConnectorRunResult r)
    {
        if (r.Status is not ConnectorRunStatus.Completed)
        {
            return $"{r.Status}: {r.Error}";
        }

        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{r.FilesSeen} files seen, {r.FilesIngested} ingested, {r.FilesSkipped} already processed, {r.FilesFailed} failed; "
            + $"{r.RowsAccepted} rows accepted, {r.RowsRefused} refused, {r.RowsAlreadyIngested} found already ingested");
        if (r.Refusals.Count == 0)
        {
            return summary;
        }

        var lines = string.Join(", ", r.Refusals.Take(MaxLinesNamed).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.File}:{x.Line}")));
        return $"{summary}; refused at {lines}{(r.RowsRefused > MaxLinesNamed ? ", …" : string.Empty)}";
    }
}
