using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>Maps result rows to records; column order is the SELECT order of the matching Sql/*.sql file.</summary>
internal static class Rows
{
    public static TenantRecord Tenant(SqliteDataReader row) => new()
    {
        Id = row.GetString(0),
        Name = row.GetString(1),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(2)),
    };

    public static ApiKeyRecord ApiKey(SqliteDataReader row) => new()
    {
        KeyId = row.GetString(0),
        TenantId = row.GetString(1),
        Role = row.GetString(2),
        SecretHash = row.GetFieldValue<byte[]>(3),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(4)),
        ExpiresAt = row.IsDBNull(5) ? null : Ticks.ToTimestamp(row.GetInt64(5)),
        Description = row.IsDBNull(6) ? null : row.GetString(6),
        Clearance = row.GetString(7),
        Purpose = row.IsDBNull(8) ? null : row.GetString(8),
        Scopes = row.IsDBNull(9) ? [] : row.GetString(9).Split(' '),
        RevokedAt = row.IsDBNull(10) ? null : Ticks.ToTimestamp(row.GetInt64(10)),
        IssuedBy = row.IsDBNull(11) ? null : row.GetString(11),
        BreakGlass = row.GetInt64(12) != 0,
    };

    public static PlatformKeyRecord PlatformKey(SqliteDataReader row) => new()
    {
        KeyId = row.GetString(0),
        SecretHash = row.GetFieldValue<byte[]>(1),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(2)),
        RevokedAt = row.IsDBNull(3) ? null : Ticks.ToTimestamp(row.GetInt64(3)),
    };

    public static StoredModel Model(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        ModelId = row.GetString(1),
        Version = row.GetInt32(2),
        Document = row.GetString(3),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(4)),
    };

    public static TwinRecord Twin(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        TwinId = row.GetString(1),
        ModelId = row.GetString(2),
        ModelVersion = row.GetInt32(3),
        Version = row.GetInt64(4),
        Deleted = row.GetInt64(5) != 0,
        Snapshot = row.GetString(6),
        UpdatedAt = Ticks.ToTimestamp(row.GetInt64(7)),
    };

    public static TwinEvent Event(SqliteDataReader row) => new()
    {
        Version = row.GetInt64(0),
        Timestamp = Ticks.ToTimestamp(row.GetInt64(1)),
        Kind = (TwinEventKind)row.GetInt32(2),
        Payload = row.GetString(3),
        Source = row.GetString(4),
    };

    public static RelationshipRecord Relationship(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        SourceId = row.GetString(1),
        Name = row.GetString(2),
        TargetId = row.GetString(3),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(4)),
    };
}
