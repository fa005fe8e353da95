using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// Groups the oldest rows of the event log into chunks, one per twin and bucket of
/// <see cref="HistoryChunk.Versions"/> versions, in one pass over the log in arrival order.
/// </summary>
/// <remarks>
/// This is most of a move's work. SQLite could group the batch itself (<c>GROUP BY</c> with
/// <c>json_group_array</c>, as the schema migration does), but it sorts the whole batch, every
/// payload included, to do so: about 4.5 µs per event. Here the rows are read once through
/// SQLite's own API, as they lie, and each value is escaped straight from SQLite's UTF-8 into its
/// chunk's JSON; only each chunk's key is sorted. The statement runs in whatever transaction the
/// connection has open.
/// </remarks>
internal static class LogGrouping
{
    /// <summary>The chunks of the log rows up to <paramref name="upTo"/>, each twin's in version order; null when there are none.</summary>
    public static GroupedBatch? Group(SqliteConnection connection, long upTo)
    {
        var open = new Dictionary<(string TenantId, string TwinId, long Bucket), ChunkBuilder>();
        try
        {
            return Group(connection, upTo, open);
        }
        finally
        {
            foreach (var chunk in open.Values)
            {
                chunk.Dispose();
            }
        }
    }

    private static GroupedBatch? Group(SqliteConnection connection, long upTo, Dictionary<(string TenantId, string TwinId, long Bucket), ChunkBuilder> open)
    {
        LogRow? first = null, last = null;
        long rows = 0;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, SqlScripts.ReadBatch, out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 1, upTo), connection.Handle);
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var version = raw.sqlite3_column_int64(statement, 2);
                var ticks = raw.sqlite3_column_int64(statement, 3);
                var key = (raw.sqlite3_column_text(statement, 0).utf8_to_string(), raw.sqlite3_column_text(statement, 1).utf8_to_string(), HistoryChunk.Bucket(version));
                if (!open.TryGetValue(key, out var chunk))
                {
                    open[key] = chunk = new ChunkBuilder();
                }

                last = new LogRow(raw.sqlite3_column_int64(statement, 7), key.Item1, key.Item2, version, ticks);
                first ??= last;
                rows++;
                chunk.Add(
                    version,
                    ticks,
                    kind: raw.sqlite3_column_int64(statement, 4),
                    payload: raw.sqlite3_column_blob(statement, 5),
                    source: raw.sqlite3_column_blob(statement, 6));
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }
        }

        if (first is null || last is null)
        {
            return null;
        }

        // A twin's buckets in ascending order: each then goes in above the one before it, the fast path.
        List<LogGroup> groups = [.. open
            .OrderBy(g => g.Key.TenantId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.TwinId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Bucket)
            .Select(g => g.Value.Complete(g.Key.TenantId, g.Key.TwinId))];
        return new GroupedBatch(groups, rows, first, last);
    }

    /// <summary>One chunk's JSON as it is written, with its bounds.</summary>
    private sealed class ChunkBuilder : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        private readonly Utf8JsonWriter _writer;
        private long _firstVersion = long.MaxValue;
        private long _lastVersion = long.MinValue;
        private long _minTicks = long.MaxValue;
        private long _maxTicks = long.MinValue;
        private long _events;
        private bool _ascending = true;

        public ChunkBuilder()
        {
            _writer = HistoryChunk.NewWriter(_buffer);
            _writer.WriteStartArray();
        }

        public void Add(long version, long ticks, long kind, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> source)
        {
            // The store's commits append a twin's versions in ascending order; anything else (a writer behind its back) takes the merge.
            _ascending &= version > _lastVersion;
            _firstVersion = Math.Min(_firstVersion, version);
            _lastVersion = Math.Max(_lastVersion, version);
            _minTicks = Math.Min(_minTicks, ticks);
            _maxTicks = Math.Max(_maxTicks, ticks);
            _events++;
            HistoryChunk.WriteEvent(_writer, version, ticks, kind, payload, source);
        }

        public LogGroup Complete(string tenantId, string twinId)
        {
            _writer.WriteEndArray();
            _writer.Flush();
            return new LogGroup(
                tenantId,
                twinId,
                FirstVersion: _firstVersion,
                LastVersion: _lastVersion,
                MinTimestamp: _minTicks,
                MaxTimestamp: _maxTicks,
                Events: _events,
                Ascending: _ascending,
                EventsJson: Encoding.UTF8.GetString(_buffer.WrittenSpan));
        }

        public void Dispose() => _writer.Dispose();
    }
}

/// <summary>A batch's chunks, how many log rows they hold, and the first and last of those rows.</summary>
internal sealed record GroupedBatch(IReadOnlyList<LogGroup> Groups, long Rows, LogRow First, LogRow Last);

/// <summary>What identifies a log row: its seq and the event it holds.</summary>
internal sealed record LogRow(long Seq, string TenantId, string TwinId, long Version, long Ticks);
