using Microsoft.Data.Sqlite;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Sqlite.Keys;

/// <summary>Maps key rows; column order is the SELECT order of the matching Sql/Keys.*.sql file.</summary>
internal static class KeyRows
{
    public static KeyPolicy Policy(SqliteDataReader row) => new(row.GetInt32(0), row.GetInt32(1));

    public static WrappedDataKey DataKey(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        Version = row.GetInt32(1),
        WrappedKey = row.GetFieldValue<byte[]>(2),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(3)),
    };

    public static SubjectKeyRecord SubjectKey(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        SubjectId = row.GetString(1),
        TenantKeyVersion = row.IsDBNull(2) ? null : row.GetInt32(2),
        WrappedKey = row.IsDBNull(3) ? null : row.GetFieldValue<byte[]>(3),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(4)),
        ErasedAt = row.IsDBNull(5) ? null : Ticks.ToTimestamp(row.GetInt64(5)),
    };
}
