using Microsoft.Extensions.Logging;

namespace Mirrorspace.Connectivity.Sftp;

/// <summary>SFTP import log messages; event ids 7000-7099 belong to SFTP import. Ids and counts only, never row contents or credentials.</summary>
internal static partial class SftpLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Connector {TenantId}/{ConnectorId} ran: {Status}, {FilesSeen} files seen, {RowsAccepted} rows accepted, {RowsRefused} refused")]
    public static partial void RunFinished(ILogger logger, string tenantId, string connectorId, Import.ConnectorRunStatus status, int filesSeen, long rowsAccepted, long rowsRefused);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Connector {TenantId}/{ConnectorId} refused the host key of {Host}:{Port}: offered {Offered}")]
    public static partial void HostKeyRefused(ILogger logger, string tenantId, string connectorId, string host, int port, string offered);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Connector {TenantId}/{ConnectorId} failed; the ledger keeps its progress and the next run resumes")]
    public static partial void RunFailed(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "Scheduler starting connector {TenantId}/{ConnectorId}")]
    public static partial void ScheduledRunStarting(ILogger logger, string tenantId, string connectorId);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "The connector scheduler could not read the schedule; it tries again on its next tick")]
    public static partial void ScheduleReadFailed(ILogger logger, Exception exception);
}
