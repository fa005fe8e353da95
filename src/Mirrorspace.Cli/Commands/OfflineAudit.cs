using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Audit;

namespace Mirrorspace.Cli.Commands;

/// <summary>Appends to a stopped node's audit log, chained and checkpointed like the node's own entries.</summary>
internal static class OfflineAudit
{
    public static async Task RecordAsync(string dataDirectory, AuditRecord record, CancellationToken cancellationToken)
    {
        var files = new AuditFiles(Path.GetFullPath(dataDirectory));
        await using var store = new SqliteAuditStore(new SqliteStoreOptions { DatabasePath = files.DatabasePath });
        await using var audit = new AuditLog(store, files, Options.Create(new AuditOptions()), TimeProvider.System, NullLogger<AuditLog>.Instance);
        await audit.StartAsync(cancellationToken);
        await audit.RecordAsync(record, cancellationToken);
        await audit.StopAsync(cancellationToken);
    }
}
