using System.Globalization;
using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Sqlite.Devices;
using Mirrorspace.Storage.Sqlite.Connectors;
using Mirrorspace.Storage.Sqlite.Integrity;
using Mirrorspace.Storage.Sqlite.Keys;
using Mirrorspace.Storage.Sqlite.IdentityProviders;
using Mirrorspace.Storage.Sqlite.Users;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>Brings the schema up to date, tracking its version in PRAGMA user_version.</summary>
internal static class SchemaMigrator
{
    // Script i upgrades version i to i + 1; the migrator records i + 1 in user_version inside the
    // same transaction, so a crash mid-migration leaves the old version and the script simply reruns.
    // New migrations go at the end; a script need not know its own number.
    private static readonly string[] Migrations = [SqlScripts.Schema, KeySqlScripts.SchemaV2, DeviceSqlScripts.Schema, ConnectorSqlScripts.Schema, SqlScripts.SchemaEventLog, IntegritySqlScripts.Schema, SqlScripts.SchemaAccess, SqlScripts.SchemaPlatform, IdentityProviderSqlScripts.Schema, UserSqlScripts.Schema, SqlScripts.SchemaHistoryChunks];

    public static int LatestVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        while (true)
        {
            // The version is read inside the (immediate) transaction: the key store migrates through its
            // own connection, and two openers must not both run the same script.
            using var transaction = connection.BeginTransaction();
            var version = CurrentVersion(connection);
            if (version > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database is at schema version {version}, newer than this build's {LatestVersion}; refusing to touch it.");
            }

            if (version == LatestVersion)
            {
                return;
            }

            SqliteQuery.Execute(connection, Migrations[version]);
            SetVersion(connection, version + 1);
            transaction.Commit();
        }
    }

    // PRAGMA takes no bound parameters; the value is an integer this class computed.
    private static void SetVersion(SqliteConnection connection, long version) =>
        SqliteQuery.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version};"));

    private static long CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }
}
