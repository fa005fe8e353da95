using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>Per-connection settings; SQLite forgets all but the journal mode when a connection closes.</summary>
internal static class ConnectionPragmas
{
    // synchronous FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and
    // a commit we have acknowledged must survive that.
    // Events cluster by twin, so a batch spread over many twins dirties a page per twin: a 64 MiB
    // cache keeps those pages from spilling mid-transaction, and checkpointing every ~40 MiB of WAL
    // rather than every 4 MiB copies a page rewritten by consecutive batches once instead of each
    // time. The size limit truncates the WAL file back after a checkpoint so it cannot stay huge.
    private const string Writer = """
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 5000;
        PRAGMA cache_size = -65536;
        PRAGMA wal_autocheckpoint = 10000;
        PRAGMA journal_size_limit = 67108864;
        """;

    // The store's own write connection leaves checkpoints to its background indexer, which runs one
    // after each move (HistoryIndexer): no commit waits for a checkpoint.
    // secure_delete from the first statement on: every event passes through the log and is deleted
    // from it when indexed, and page splits move cells around as the log and the history grow. With
    // the freed bytes zeroed, no copy of a twin id or value is left in free space, so erasing a
    // tenant still leaves no trace of it in the file.
    private const string CommitWriter = """
        PRAGMA wal_autocheckpoint = 0;
        PRAGMA secure_delete = ON;
        """;

    // The indexer's own connection copies WAL frames into the file and groups a batch of the log
    // into chunks beside the commits; it writes no rows. The grouping reads the whole batch in one
    // pass, with a page cache as large as the writer's.
    private const string IndexerConnection = """
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

    /// <summary>On top of <see cref="ApplyToWriter"/>, for the connection that commits twin writes.</summary>
    public static void ApplyToCommitWriter(SqliteConnection connection)
    {
        using var settings = connection.CreateCommand();
        settings.CommandText = CommitWriter;
        settings.ExecuteNonQuery();
    }

    public static void ApplyToIndexerConnection(SqliteConnection connection)
    {
        using var settings = connection.CreateCommand();
        settings.CommandText = IndexerConnection;
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
