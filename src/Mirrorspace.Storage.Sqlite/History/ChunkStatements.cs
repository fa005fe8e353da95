using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// The statements that write the indexed history's chunks, prepared once: for the indexer's moves
/// and for the commits that write a twin's run of events straight into chunks (<see cref="EventLogAppender"/>).
/// </summary>
internal sealed class ChunkStatements : IDisposable
{
    private readonly PreparedStatement _insert;
    private readonly PreparedStatement _highest;

    public ChunkStatements(SqliteConnection connection)
    {
        _insert = new(
            connection,
            SqlScripts.InsertChunk,
            "$tenant_id",
            "$twin_id",
            "$first_version",
            "$last_version",
            "$min_timestamp",
            "$max_timestamp",
            "$event_count",
            "$events");
        _highest = new(connection, SqlScripts.HighestIndexedVersion, "$tenant_id", "$twin_id");
    }

    public SqliteTransaction? Transaction
    {
        set
        {
            _insert.Transaction = value;
            _highest.Transaction = value;
        }
    }

    /// <summary>The twin's highest indexed version; 0 (below every version) when it has none.</summary>
    public long HighestVersion(string tenantId, string twinId) => (long?)_highest.Scalar(tenantId, twinId) ?? 0;

    public void Insert(LogGroup group) =>
        _insert.Execute(
            group.TenantId, group.TwinId, group.FirstVersion, group.LastVersion, group.MinTimestamp, group.MaxTimestamp, group.Events, group.EventsJson);

    /// <summary>Events in version order, all of one bucket.</summary>
    public void Insert(string tenantId, string twinId, IReadOnlyList<TwinEvent> events) =>
        _insert.Execute(
            tenantId,
            twinId,
            events[0].Version,
            events[^1].Version,
            events.Min(e => Ticks.From(e.Timestamp)),
            events.Max(e => Ticks.From(e.Timestamp)),
            (long)events.Count,
            HistoryChunk.Encode(events));

    public void Dispose()
    {
        _insert.Dispose();
        _highest.Dispose();
    }
}
