using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>Brings the schema up to date, tracking its version in PRAGMA user_version.</summary>
internal static class SchemaMigrator
{
    // Script i upgrades version i to i + 1 and sets user_version itself, inside the same
    // transaction, so a crash mid-migration leaves the old version and the script simply reruns.
    private static readonly string[] Migrations = [SqlScripts.Schema];

    public static int LatestVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        var version = CurrentVersion(connection);
        if (version > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {version}, newer than this build's {LatestVersion}; refusing to touch it.");
        }

        for (var next = version; next < LatestVersion; next++)
        {
            using var transaction = connection.BeginTransaction();
            SqliteQuery.Execute(connection, Migrations[next]);
            transaction.Commit();
        }
    }

    private static long CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }
}
