using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// Appends a commit's events to the history, keeping (tenant, twin, version) unique across the
/// indexed history, the unindexed tail and the commit itself. Most go to the log, which has no index
/// on that key (that is what makes appending cheap), so the check lives here; a twin's run of
/// <see cref="ChunkRun"/> or more new events goes straight into chunks instead.
/// </summary>
/// <remarks>
/// Why a check in memory is enough: every event of this database is appended through one store's
/// write connection (the node's data directory lock keeps other processes out), so the
/// <see cref="HistoryTail"/> sees every unindexed row, and the indexed history answers for the rest.
/// The twin grain, the single writer of its twin, only ever appends the version after its highest,
/// so the common case is settled by comparing with the twin's highest version: no disk access.
/// Anything else (a repeat, or versions arriving out of order) takes the exact path: the commit's
/// own rows, the tail, and the indexed history's chunk that can hold the version. A duplicate fails the whole
/// commit with the same constraint error SQLite raised when the key was the table's primary key.
/// Should a second writer ever append to the file behind this store's back, the indexer's insert
/// into the indexed history still keeps the duplicate out (see <see cref="EventLogIndexing"/>).
/// <para>
/// Why runs skip the log: a batch of readings commits many events of one twin at once, and through
/// the log each would be written three times (the log row, its chunk, the zeroed row) and grouped by
/// the indexer, whose store holds the write lock. Written as the chunks the indexer would make, the
/// run costs a row and an index entry per bucket of versions. Only when the twin has no row in the
/// log, so that every row the log gets for it later is above the chunks' versions, as the
/// indexer's moves leave it, and only above the twin's highest version, so that nothing needs the
/// exact check.
/// </para>
/// </remarks>
internal sealed class EventLogAppender : IDisposable
{
    /// <summary>
    /// The shortest run of one twin's events in a commit that goes straight into chunks: a quarter
    /// chunk, so a bucket of versions is never split into more than a few rows.
    /// </summary>
    public const int ChunkRun = HistoryChunk.Versions / 4;

    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;

    private readonly HistoryTail _tail;
    private readonly EventLogInsert _append;
    private readonly ChunkStatements _chunks;
    private readonly PreparedStatement _isIndexed;
    private readonly List<AppendEvent> _pending = [];
    private readonly List<LoggedEvent> _appended = [];
    private readonly List<(TwinTail Twin, long Version, int Events)> _chunked = [];
    private readonly Dictionary<TwinTail, long> _highestInCommit = [];
    private readonly SqliteConnection _connection;

    public EventLogAppender(SqliteConnection connection, HistoryTail tail)
    {
        _connection = connection;
        _tail = tail;
        _append = new(connection);
        _chunks = new(connection);
        _isIndexed = new(connection, SqlScripts.IsIndexed, "$tenant_id", "$twin_id", "$version");
    }

    public SqliteTransaction? Transaction
    {
        set
        {
            _chunks.Transaction = value;
            _isIndexed.Transaction = value;
        }
    }

    /// <summary>Starts a commit: makes sure the tail is known and forgets any earlier commit's rows.</summary>
    public void Begin()
    {
        if (!_tail.IsLoaded)
        {
            _tail.Load(_connection);
        }

        _pending.Clear();
        _appended.Clear();
        _chunked.Clear();
        _highestInCommit.Clear();
    }

    /// <summary>Takes an event of the commit; it is written by <see cref="Flush"/>, before the commit ends.</summary>
    public void Add(AppendEvent append) => _pending.Add(append);

    /// <summary>
    /// Writes the commit's events in order: each run of one twin's consecutive events into chunks
    /// where it may go there, everything else into the log. A grain's events of one call are one
    /// run, since it waits for their commit before its next call.
    /// </summary>
    public void Flush()
    {
        var start = 0;
        while (start < _pending.Count)
        {
            var end = start + 1;
            while (end < _pending.Count && _pending[end].TwinId == _pending[start].TwinId && _pending[end].TenantId == _pending[start].TenantId)
            {
                end++;
            }

            if (end - start < ChunkRun || !TryChunk(_pending.GetRange(start, end - start)))
            {
                for (var i = start; i < end; i++)
                {
                    Append(_pending[i]);
                }
            }

            start = end;
        }
    }

    /// <summary>The commit is durable: its rows join the tail, where readers and later commits see them.</summary>
    public void Committed()
    {
        _tail.Append(_appended);
        _tail.Chunked(_chunked);
        _pending.Clear();
        _appended.Clear();
        _chunked.Clear();
        _highestInCommit.Clear();
    }

    public void Dispose()
    {
        _append.Dispose();
        _chunks.Dispose();
        _isIndexed.Dispose();
    }

    private void Append(AppendEvent append)
    {
        var e = append.Event;
        var twin = _tail.Twin(append.TenantId, append.TwinId);
        var highest = Highest(append, twin);
        if (e.Version <= highest && IsTaken(append, twin))
        {
            throw new SqliteException(
                $"UNIQUE constraint failed: twin_events.tenant_id, twin_events.twin_id, twin_events.version ({append.TwinId} v{e.Version})",
                SqliteConstraint,
                SqliteConstraintPrimaryKey);
        }

        var seq = _append.Execute(append.TenantId, append.TwinId, e.Version, Ticks.From(e.Timestamp), (long)e.Kind, e.Payload, e.Source);
        _appended.Add(new LoggedEvent(twin, seq, e.Version));
        _highestInCommit[twin] = Math.Max(highest, e.Version);
    }

    /// <summary>
    /// Writes a run of one twin's events as chunks, one per bucket of versions, if they may go there
    /// (see the remarks): the twin has nothing in the log, nor earlier in this commit, and the run's
    /// versions ascend from above its highest.
    /// </summary>
    private bool TryChunk(List<AppendEvent> run)
    {
        var first = run[0];
        var twin = _tail.Twin(first.TenantId, first.TwinId);
        if (twin.Rows.Count > 0 || _highestInCommit.ContainsKey(twin) || first.Event.Version <= Highest(first, twin))
        {
            return false;
        }

        for (var i = 1; i < run.Count; i++)
        {
            if (run[i].Event.Version <= run[i - 1].Event.Version)
            {
                return false;
            }
        }

        foreach (var bucket in run.Select(append => append.Event).GroupBy(e => HistoryChunk.Bucket(e.Version)))
        {
            _chunks.Insert(first.TenantId, first.TwinId, [.. bucket]);
        }

        var last = run[^1].Event.Version;
        _chunked.Add((twin, last, run.Count));
        _highestInCommit[twin] = last;
        return true;
    }

    private long Highest(AppendEvent append, TwinTail twin) =>
        _highestInCommit.TryGetValue(twin, out var inCommit)
            ? inCommit
            : twin.HighestVersion ?? twin.KnowHighestVersion(_chunks.HighestVersion(append.TenantId, append.TwinId));

    private bool IsTaken(AppendEvent append, TwinTail twin)
    {
        var version = append.Event.Version;
        foreach (var row in _appended)
        {
            if (row.Twin == twin && row.Version == version)
            {
                return true;
            }
        }

        return twin.HasUnindexed(version) || (long)_isIndexed.Scalar(append.TenantId, append.TwinId, version)! != 0;
    }
}
