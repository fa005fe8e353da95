using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite.Audit;

/// <summary>Brings audit.db's schema up to date, tracking its version in PRAGMA user_version as <see cref="SchemaMigrator"/> does for mirrorspace.db.</summary>
internal static class AuditSchema
{
    private static readonly string[] Migrations = [AuditSqlScripts.Schema];

    public static void Migrate(SqliteConnection connection)
    {
        long version;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA user_version;";
            version = (long)command.ExecuteScalar()!;
        }

        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"audit.db is at schema version {version}, newer than this build's {Migrations.Length}; refusing to touch it.");
        }

        for (var next = version; next < Migrations.Length; next++)
        {
            using var transaction = connection.BeginTransaction();
            SqliteQuery.Execute(connection, Migrations[next]);
            transaction.Commit();
        }
    }
}
