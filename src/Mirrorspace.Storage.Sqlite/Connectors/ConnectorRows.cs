using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Storage.Sqlite.Connectors;

/// <summary>Maps connector rows; column order is the SELECT order of the matching Sql/Connectors.*.sql file.</summary>
internal static class ConnectorRows
{
    public static ConnectorRecord Connector(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        ConnectorId = row.GetString(1),
        Host = row.GetString(2),
        Port = row.GetInt32(3),
        User = row.GetString(4),
        AuthKind = (ConnectorAuthKind)row.GetInt32(5),
        HostKeyFingerprint = row.GetString(6),
        RemoteFolder = row.GetString(7),
        FilePattern = row.GetString(8),
        Format = (BatchFormat)row.GetInt32(9),
        Interval = TimeSpan.FromTicks(row.GetInt64(10)),
        Processed = (ProcessedFileHandling)row.GetInt32(11),
        Enabled = row.GetInt64(12) != 0,
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(13)),
        UpdatedAt = Ticks.ToTimestamp(row.GetInt64(14)),
    };

    public static ConnectorSchedule Schedule(SqliteDataReader row) =>
        new(row.GetString(0), row.GetString(1), TimeSpan.FromTicks(row.GetInt64(2)));

    public static ImportedFileRecord ImportedFile(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        ConnectorId = row.GetString(1),
        FileName = row.GetString(2),
        ContentHash = row.GetString(3),
        Size = row.GetInt64(4),
        ModifiedAt = Ticks.ToTimestamp(row.GetInt64(5)),
        State = (ImportedFileState)row.GetInt32(6),
        NextLine = row.GetInt32(7),
        InDoubtThrough = row.GetInt32(8),
        InDoubtSince = row.IsDBNull(9) ? null : Ticks.ToTimestamp(row.GetInt64(9)),
        RowsAccepted = row.GetInt64(10),
        RowsRefused = row.GetInt64(11),
        StartedAt = Ticks.ToTimestamp(row.GetInt64(12)),
        CompletedAt = row.IsDBNull(13) ? null : Ticks.ToTimestamp(row.GetInt64(13)),
    };
}
