using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// The store's in-memory account of the event log's tail: for each twin, the log rows (seq and
/// version) not yet moved into the indexed history, and the highest version the twin has anywhere.
/// Readers take a twin's seqs to read its unindexed rows by rowid instead of scanning the log;
/// commits use the highest version to prove most new versions unique without a disk lookup.
/// </summary>
/// <remarks>
/// Only the holder of the write connection changes it (commits and the indexer), under the write
/// lock; readers copy a twin's seqs under a short lock of their own. It is thrown away whenever the
/// write connection is, and rebuilt from the log before the next commit or read, so it never
/// trusts what a commit that failed half way may have left behind. Another process or store
/// instance writing the same file is not seen here: the node's data directory lock rules that out,
/// and the indexer's own key check still catches it (see <see cref="EventLogIndexing"/>).
/// </remarks>
internal sealed class HistoryTail
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string TenantId, string TwinId), TwinTail> _twins = [];
    private readonly HashSet<TwinTail> _withRows = [];
    private int _rows;
    private int _chunkedSinceRound;
    private bool _loaded;

    /// <summary>Unindexed rows this store knows of.</summary>
    public int Rows => Volatile.Read(ref _rows);

    /// <summary>
    /// Events commits wrote straight into chunks since the indexer last took this count: they never
    /// reach the log, but their pages still fill the WAL the indexer checkpoints.
    /// </summary>
    public int ChunkedSinceRound => Volatile.Read(ref _chunkedSinceRound);

    public bool IsLoaded
    {
        get
        {
            lock (_lock)
            {
                return _loaded;
            }
        }
    }

    /// <summary>Rebuilds the account from the log. Called under the write lock, after migrations.</summary>
    public void Load(SqliteConnection connection)
    {
        using var command = SqliteQuery.Create(connection, SqlScripts.ReadTail, []);
        using var reader = command.ExecuteReader();
        lock (_lock)
        {
            Clear();
            while (reader.Read())
            {
                var twin = TwinLocked(reader.GetString(1), reader.GetString(2));
                AddLocked(twin, reader.GetInt64(0), reader.GetInt64(3));
            }

            _loaded = true;
        }
    }

    /// <summary>Forgets everything; the next commit or read loads it again.</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            Clear();
            _loaded = false;
        }
    }

    /// <summary>The twin's entry, created empty when first seen. Writer side.</summary>
    public TwinTail Twin(string tenantId, string twinId)
    {
        lock (_lock)
        {
            return TwinLocked(tenantId, twinId);
        }
    }

    /// <summary>Records rows a commit has just made durable. Writer side, after the commit.</summary>
    public void Append(IReadOnlyList<LoggedEvent> rows)
    {
        lock (_lock)
        {
            foreach (var row in rows)
            {
                AddLocked(row.Twin, row.Seq, row.Version);
            }
        }
    }

    /// <summary>Records runs a commit has just made durable straight in chunks. Writer side, after the commit.</summary>
    public void Chunked(IReadOnlyList<(TwinTail Twin, long Version, int Events)> runs)
    {
        if (runs.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var (twin, version, events) in runs)
            {
                twin.Chunked(version);
                Interlocked.Add(ref _chunkedSinceRound, events);
            }
        }
    }

    /// <summary>Returns <see cref="ChunkedSinceRound"/> and starts counting again. Indexer side.</summary>
    public int TakeChunkedSinceRound() => Interlocked.Exchange(ref _chunkedSinceRound, 0);

    /// <summary>Drops rows up to <paramref name="upToSeq"/>: the indexer moved them. Returns how many. Writer side.</summary>
    public int Indexed(long upToSeq)
    {
        lock (_lock)
        {
            var dropped = 0;
            List<TwinTail>? emptied = null;
            foreach (var twin in _withRows)
            {
                var moved = twin.CountUpTo(upToSeq);
                if (moved == 0)
                {
                    continue;
                }

                twin.RemoveFirst(moved);
                dropped += moved;
                if (twin.Rows.Count == 0)
                {
                    (emptied ??= []).Add(twin);
                }
            }

            emptied?.ForEach(twin => _withRows.Remove(twin));
            _rows -= dropped;
            return dropped;
        }
    }

    /// <summary>
    /// A copy of the seqs of the twin's unindexed rows, or null while the account is not loaded.
    /// Taken before the read's snapshot, it holds every row acknowledged before the read began.
    /// </summary>
    public long[]? SeqsOf(string tenantId, string twinId)
    {
        lock (_lock)
        {
            if (!_loaded)
            {
                return null;
            }

            return _twins.TryGetValue((tenantId, twinId), out var twin) ? [.. twin.Rows.Select(row => row.Seq)] : [];
        }
    }

    private TwinTail TwinLocked(string tenantId, string twinId)
    {
        if (!_twins.TryGetValue((tenantId, twinId), out var twin))
        {
            twin = new TwinTail();
            _twins.Add((tenantId, twinId), twin);
        }

        return twin;
    }

    private void AddLocked(TwinTail twin, long seq, long version)
    {
        twin.Add(seq, version);
        _withRows.Add(twin);
        _rows++;
    }

    private void Clear()
    {
        _twins.Clear();
        _withRows.Clear();
        _rows = 0;
    }
}
