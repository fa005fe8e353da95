using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// Moves the oldest rows of the event log into the indexed history (<c>twin_event_chunks</c>), in
/// one transaction per batch, on whichever write connection calls it: the store's indexer, or the
/// rewrap source before it walks the history.
/// </summary>
/// <remarks>
/// The batch is grouped into chunks (per twin, one per <see cref="HistoryChunk.Versions"/>
/// versions, <see cref="LogGrouping"/>), and a group goes in as it is when its versions arrived in
/// ascending order and are all above the twin's highest indexed version: the case for every batch the store
/// itself appended, since its commits already refuse duplicates (<see cref="EventLogAppender"/>).
/// Anything else (a version taken or out of order, which only a writer behind the store's back
/// could produce) takes the slow path: the group is merged with the twin's chunks it overlaps,
/// keeping the first event of each version in the history and any different event for it in
/// <c>twin_event_conflicts</c>, so nothing acknowledged is dropped, the indexer never stalls, and a
/// twin's chunks never overlap, which is what lets readers take them in <c>last_version</c> order.
/// </remarks>
internal static class EventLogIndexing
{
    /// <summary>Moves up to <paramref name="maxRows"/> of the oldest log rows; null when the log was empty.</summary>
    public static IndexedBatch? MoveOldest(SqliteConnection connection, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        SecureDelete(connection);
        using var transaction = connection.BeginTransaction();
        if (Group(connection, transaction, maxRows) is not { } move)
        {
            return null;
        }

        return Store(connection, transaction, move);
    }

    /// <summary>
    /// The reading half of a move, beside the commits: groups up to <paramref name="maxRows"/> of
    /// the oldest log rows into chunks in one read snapshot of <paramref name="connection"/>, which
    /// must not be the write connection. Null when the log was empty.
    /// </summary>
    /// <remarks>
    /// Grouping (reading the whole batch and writing its chunks' JSON) is most of a move's work; done
    /// here, commits go on while it runs, and the write lock is held only for <see cref="MovePrepared"/>.
    /// </remarks>
    public static PreparedMove? Prepare(SqliteConnection connection, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        using var transaction = connection.BeginTransaction(deferred: true);
        return Group(connection, transaction, maxRows);
    }

    /// <summary>
    /// The writing half, under the write lock: stores a prepared move if the log still holds
    /// exactly the rows it was prepared from. Anything else (a tenant erased, or the rows moved by
    /// someone else, since) and it moves afresh with <see cref="MoveOldest"/>, so what goes into the
    /// history is always what the log holds at the moment of the move.
    /// </summary>
    public static IndexedBatch? MovePrepared(SqliteConnection connection, PreparedMove move, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(move);
        SecureDelete(connection);
        using (var transaction = connection.BeginTransaction())
        {
            if (StillInTheLog(connection, transaction, move))
            {
                return Store(connection, transaction, move);
            }
        }

        return MoveOldest(connection, maxRows);
    }

    // Events that pass through the log are deleted from it here: zero what is deleted, whichever
    // connection moves (the store's has it on already, see ConnectionPragmas), so that erasing a tenant
    // leaves no copy of its rows in free pages. It stays on for the connection.
    private static void SecureDelete(SqliteConnection connection) => SqliteQuery.Execute(connection, "PRAGMA secure_delete = ON;");

    private static PreparedMove? Group(SqliteConnection connection, SqliteTransaction transaction, int maxRows)
    {
        var (first, last) = Bounds(connection, transaction);
        if (first is not { } firstSeq || last is not { } lastSeq)
        {
            return null;
        }

        // Seqs can have gaps (tenant erasure), so this may move fewer rows than maxRows; never more.
        var upTo = Math.Min(lastSeq, firstSeq + maxRows - 1);
        return LogGrouping.Group(connection, upTo) is { } batch ? new PreparedMove(upTo, batch) : null;
    }

    private static IndexedBatch Store(SqliteConnection connection, SqliteTransaction transaction, PreparedMove move)
    {
        using (var chunks = new ChunkStatements(connection) { Transaction = transaction })
        {
            foreach (var group in move.Batch.Groups)
            {
                if (group.Ascending && group.FirstVersion > chunks.HighestVersion(group.TenantId, group.TwinId))
                {
                    chunks.Insert(group);
                }
                else
                {
                    Merge(connection, transaction, chunks, group, move.UpToSeq);
                }
            }
        }

        Execute(connection, transaction, SqlScripts.DeleteMoved, ("$up_to", move.UpToSeq));
        transaction.Commit();
        return new IndexedBatch(move.UpToSeq);
    }

    /// <summary>True when the log still holds the rows the move grouped: as many, and the same first and last (<c>EventLog.Fingerprint.sql</c>).</summary>
    private static bool StillInTheLog(SqliteConnection connection, SqliteTransaction transaction, PreparedMove move)
    {
        var (first, last) = (move.Batch.First, move.Batch.Last);
        using var command = Query(connection, transaction, SqlScripts.LogFingerprint, ("$up_to", move.UpToSeq), ("$first_seq", first.Seq), ("$last_seq", last.Seq));
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0) == move.Batch.Rows && Holds(reader, 1, first) && Holds(reader, 5, last);

        static bool Holds(SqliteDataReader row, int column, LogRow expected) =>
            !row.IsDBNull(column)
            && row.GetString(column) == expected.TenantId
            && row.GetString(column + 1) == expected.TwinId
            && row.GetInt64(column + 2) == expected.Version
            && row.GetInt64(column + 3) == expected.Ticks;
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

    /// <summary>
    /// The slow path: the twin's chunks overlapping the group are replaced by chunks holding their
    /// events and the group's, where the event already stored (or the earliest arrival) keeps a
    /// version; an exact repeat is dropped, a different event for a taken version is kept aside.
    /// </summary>
    private static void Merge(SqliteConnection connection, SqliteTransaction transaction, ChunkStatements chunks, LogGroup group, long upTo)
    {
        var merged = new SortedDictionary<long, TwinEvent>();
        var replaced = new List<long>();
        using (var overlapping = Query(
            connection,
            transaction,
            SqlScripts.OverlappingChunks,
            ("$tenant_id", group.TenantId),
            ("$twin_id", group.TwinId),
            ("$first_version", group.FirstVersion),
            ("$last_version", group.LastVersion)))
        using (var reader = overlapping.ExecuteReader())
        {
            while (reader.Read())
            {
                replaced.Add(reader.GetInt64(0));
                foreach (var e in HistoryChunk.Decode(reader.GetString(1)))
                {
                    merged[e.Version] = e;
                }
            }
        }

        using (var rows = Query(
            connection,
            transaction,
            SqlScripts.GroupRows,
            ("$up_to", upTo),
            ("$tenant_id", group.TenantId),
            ("$twin_id", group.TwinId),
            ("$first_version", group.FirstVersion),
            ("$last_version", group.LastVersion)))
        using (var reader = rows.ExecuteReader())
        {
            while (reader.Read())
            {
                var e = Rows.Event(reader);
                if (!merged.TryAdd(e.Version, e) && merged[e.Version] != e)
                {
                    Execute(
                        connection,
                        transaction,
                        SqlScripts.InsertConflict,
                        ("$seq", reader.GetInt64(5)),
                        ("$tenant_id", group.TenantId),
                        ("$twin_id", group.TwinId),
                        ("$version", e.Version),
                        ("$timestamp", Ticks.From(e.Timestamp)),
                        ("$kind", (long)e.Kind),
                        ("$payload", e.Payload),
                        ("$source", e.Source));
                }
            }
        }

        foreach (var chunkId in replaced)
        {
            Execute(connection, transaction, SqlScripts.DeleteChunk, ("$chunk_id", chunkId));
        }

        foreach (var bucket in merged.Values.GroupBy(e => HistoryChunk.Bucket(e.Version)))
        {
            chunks.Insert(group.TenantId, group.TwinId, [.. bucket]);
        }
    }

    private static (long? First, long? Last) Bounds(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Query(connection, transaction, SqlScripts.LogBounds);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Query(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Query(SqliteConnection connection, SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = SqliteQuery.Create(connection, sql, parameters);
        command.Transaction = transaction;
        return command;
    }
}

/// <summary>One move: the log rows up to <see cref="UpToSeq"/> are gone from the log.</summary>
internal sealed record IndexedBatch(long UpToSeq);

/// <summary>
/// A twin's log rows in one bucket of versions (<see cref="LogGrouping"/>) and their chunk's JSON;
/// <see cref="Ascending"/> when they arrived in ascending version order, so no version repeats.
/// </summary>
internal sealed record LogGroup(
    string TenantId,
    string TwinId,
    long FirstVersion,
    long LastVersion,
    long MinTimestamp,
    long MaxTimestamp,
    long Events,
    bool Ascending,
    string EventsJson);

/// <summary>The log rows up to <see cref="UpToSeq"/>, grouped into chunks (<see cref="EventLogIndexing.Prepare"/>), not yet stored.</summary>
internal sealed record PreparedMove(long UpToSeq, GroupedBatch Batch);
