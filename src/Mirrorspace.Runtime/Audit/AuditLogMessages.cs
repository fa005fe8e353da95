using Microsoft.Extensions.Logging;

namespace Mirrorspace.Runtime.Audit;

/// <summary>The audit log's log messages; event ids 6000-6099 belong to the audit log.</summary>
internal static partial class AuditLogMessages
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Audit log open: {Entries} entries, signed head at {SignedSize}, key {KeyId}")]
    public static partial void Opened(ILogger logger, long entries, long signedSize, string keyId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "The signed audit head {Path} is missing although the log holds {Entries} entries; rebuilding it from the log")]
    public static partial void HeadMissing(ILogger logger, string path, long entries);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug, Message = "Audit checkpoint stored at tree size {TreeSize}")]
    public static partial void CheckpointStored(ILogger logger, long treeSize);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Appending {Count} audit entries failed")]
    public static partial void AppendFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Critical, Message = "The audit store no longer matches the audit log's state after a failed append; the log refuses further entries until the node restarts")]
    public static partial void Faulted(ILogger logger);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "Writing the signed audit head at tree size {TreeSize} failed; retrying after the next batch")]
    public static partial void HeadWriteFailed(ILogger logger, Exception exception, long treeSize);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Error, Message = "Storing the audit checkpoint at tree size {TreeSize} failed; retrying at the next checkpoint")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, long treeSize);
}
