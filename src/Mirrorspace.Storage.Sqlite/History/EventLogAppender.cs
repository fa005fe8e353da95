using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// Appends a commit's events to the log, keeping (tenant, twin, version) unique across the indexed
/// history, the unindexed tail and the commit itself. The log has no index on that key (that is what
/// makes appending cheap), so the check lives here.
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
/// </remarks>
internal sealed class EventLogAppender : IDisposable
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;

    private readonly SqliteConnection _connection;
    private readonly HistoryTail _tail;
    private readonly EventLogInsert _append;
    private readonly PreparedStatement _highestIndexed;
    private readonly PreparedStatement _isIndexed;
    private readonly List<LoggedEvent> _appended = [];
    private readonly Dictionary<TwinTail, long> _highestInCommit = [];

    public EventLogAppender(SqliteConnection connection, HistoryTail tail)
    {
        _connection = connection;
        _tail = tail;
        _append = new(connection);
        _highestIndexed = new(connection, SqlScripts.HighestIndexedVersion, "$tenant_id", "$twin_id");
        _isIndexed = new(connection, SqlScripts.IsIndexed, "$tenant_id", "$twin_id", "$version");
    }

    public SqliteTransaction? Transaction
    {
        set
        {
            _highestIndexed.Transaction = value;
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

        _appended.Clear();
        _highestInCommit.Clear();
    }

    public void Append(AppendEvent append)
    {
        var e = append.Event;
        var twin = _tail.Twin(append.TenantId, append.TwinId);
        var highest = _highestInCommit.TryGetValue(twin, out var inCommit)
            ? inCommit
            : twin.HighestVersion ?? twin.KnowHighestVersion(HighestIndexed(append));
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

    /// <summary>The commit is durable: its rows join the tail, where readers and later commits see them.</summary>
    public void Committed()
    {
        _tail.Append(_appended);
        _appended.Clear();
        _highestInCommit.Clear();
    }

    public void Dispose()
    {
        _append.Dispose();
        _highestIndexed.Dispose();
        _isIndexed.Dispose();
    }

    private long HighestIndexed(AppendEvent append) => (long?)_highestIndexed.Scalar(append.TenantId, append.TwinId) ?? 0;

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
