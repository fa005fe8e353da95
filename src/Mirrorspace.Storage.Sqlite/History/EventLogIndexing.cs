using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// Moves the oldest rows of the event log into <c>twin_events</c>, in one transaction per batch, on
/// whichever write connection calls it: the store's indexer, or the rewrap source before it walks
/// the history.
/// </summary>
/// <remarks>
/// This is also where (tenant, twin, version) uniqueness is checked by SQLite itself: the insert
/// into <c>twin_events</c>, whose primary key that is, fails on a taken key. The commit path
/// already refuses duplicates (<see cref="EventLogAppender"/>), so that only happens if something
/// appended to the file behind the store's back; the batch is then moved again keeping the first
/// event of each key in the history and any different event for it in
/// <c>twin_event_conflicts</c>, so that nothing acknowledged is dropped and the indexer never stalls.
/// </remarks>
internal static class EventLogIndexing
{
    private const int SqliteConstraint = 19;

    /// <summary>Moves up to <paramref name="maxRows"/> of the oldest log rows; null when the log was empty.</summary>
    public static IndexedBatch? MoveOldest(SqliteConnection connection, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);

        // Every event passes through the log and is deleted from it here: zero what is deleted, whichever
        // connection moves (the store's has it on already, see ConnectionPragmas), so that erasing a tenant
        // leaves no copy of its rows in free pages. It stays on for the connection.
        SqliteQuery.Execute(connection, "PRAGMA secure_delete = ON;");
        using var transaction = connection.BeginTransaction();
        var (first, last) = Bounds(connection, transaction);
        if (first is not { } firstSeq || last is not { } lastSeq)
        {
            return null;
        }

        // Seqs can have gaps (tenant erasure), so this may move fewer rows than maxRows; never more.
        var upTo = Math.Min(lastSeq, firstSeq + maxRows - 1);
        var conflicts = false;
        try
        {
            Execute(connection, transaction, SqlScripts.MoveLog, upTo);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            // Only the failed statement was undone; the transaction goes on with the slow path.
            Execute(connection, transaction, SqlScripts.MoveLogKeepingConflicts, upTo);
            conflicts = true;
        }

        transaction.Commit();
        return new IndexedBatch(upTo, conflicts);
    }

    /// <summary>Moves the whole log, batch by batch.</summary>
    public static void MoveAll(SqliteConnection connection, int batchRows)
    {
        while (MoveOldest(connection, batchRows) is not null)
        {
        }
    }

    /// <summary>
    /// Copies the WAL into the database file without waiting for readers or writers (the commit
    /// connection's own automatic checkpoints are off, see <see cref="ConnectionPragmas"/>); returns
    /// how many frames the WAL holds.
    /// </summary>
    public static long Checkpoint(SqliteConnection connection)
    {
        using var command = SqliteQuery.Create(connection, "PRAGMA wal_checkpoint(PASSIVE);", []);
        using var reader = command.ExecuteReader();

        // One row: busy flag, frames in the WAL, frames copied into the database file.
        return reader.Read() ? reader.GetInt64(1) : 0;
    }

    private static (long? First, long? Last) Bounds(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = SqliteQuery.Create(connection, SqlScripts.LogBounds, []);
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, long upTo)
    {
        using var command = SqliteQuery.Create(connection, sql, [("$up_to", upTo)]);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}

/// <summary>One move: the log rows up to <see cref="UpToSeq"/> are gone from the log.</summary>
internal sealed record IndexedBatch(long UpToSeq, bool HadConflicts);
