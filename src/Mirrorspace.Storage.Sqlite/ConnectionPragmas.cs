using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>Per-connection settings; SQLite forgets all but the journal mode when a connection closes.</summary>
internal static class ConnectionPragmas
{
    // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and a commit
    // we have acknowledged must survive that.
    private const string Writer = """
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 5000;
        PRAGMA cache_size = -65536;
        """;

    // Readers never write; query_only turns a mistake into an error instead of a second writer.
    private const string Reader = """
        PRAGMA busy_timeout = 5000;
        PRAGMA query_only = ON;
        """;

    public static void ApplyToWriter(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode (got '{mode}'); is the file on a network share?");
            }
        }

        using var settings = connection.CreateCommand();
        settings.CommandText = Writer;
        settings.ExecuteNonQuery();
    }

    public static async Task ApplyToReaderAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Reader;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
