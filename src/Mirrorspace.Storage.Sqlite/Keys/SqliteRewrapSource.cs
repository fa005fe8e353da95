using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Encryption;
using Mirrorspace.Storage.Sqlite.History;

namespace Mirrorspace.Storage.Sqlite.Keys;

/// <summary>
/// The <see cref="IRewrapSource"/> of the SQLite store: works directly on its tables (same file,
/// own write connection), walking each table of a tenant by primary key and keeping the pass's
/// cursor in <c>key_rewrap_cursors</c>, written in the same transaction as the rewritten rows.
/// </summary>
public sealed class SqliteRewrapSource : IRewrapSource, IAsyncDisposable
{
    private const int IndexBatchRows = 100_000;

    private readonly SqliteDatabase _database;

    public SqliteRewrapSource(SqliteStoreOptions options)
    {
        _database = SqliteDatabase.ForStore(options);
    }

    public async Task<RewrapBatch> ReadAsync(string tenantId, RewrapPosition after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var position = after;
        while (position.Phase != RewrapPhase.Done)
        {
            if (position.Phase == RewrapPhase.Events)
            {
                // The pass walks the history's chunks by key: first move whatever still waits in the event log
                // there. Later commits are sealed with the current key and need no rewrap.
                await _database.WriteAsync(
                    writer =>
                    {
                        EventLogIndexing.MoveAll(writer.Connection, IndexBatchRows);
                        return true;
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            var current = position;
            var batch = await _database.ReadAsync((connection, ct) => RewrapQueries.ReadAsync(connection, tenantId, current, limit, ct), cancellationToken)
                .ConfigureAwait(false);
            if (batch.Values.Count > 0)
            {
                return batch;
            }

            position = batch.Next;
        }

        return new RewrapBatch([], position);
    }

    public Task<int> WriteAsync(string tenantId, IReadOnlyList<RewrappedValue> values, RewrapCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(cursor);
        return _database.WriteAsync(
            writer =>
            {
                var connection = writer.Connection;
                using var transaction = connection.BeginTransaction();
                var written = values.Where(value => !IsEventValue(value)).Sum(value => Replace(connection, tenantId, value))
                    + ReplaceInChunks(connection, tenantId, [.. values.Where(IsEventValue)]);
                SqliteQuery.Execute(
                    connection,
                    KeySqlScripts.PutCursor,
                    ("$tenant_id", tenantId),
                    ("$target_version", cursor.TargetVersion),
                    ("$phase", (long)cursor.Position.Phase),
                    ("$after_id", cursor.Position.AfterId),
                    ("$after_version", cursor.Position.AfterVersion),
                    ("$scanned", cursor.Scanned),
                    ("$rewritten", cursor.Rewritten),
                    ("$unreadable", cursor.Unreadable));
                transaction.Commit();
                return written;
            },
            cancellationToken);
    }

    public Task<RewrapCursor?> GetCursorAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(
                connection,
                KeySqlScripts.GetCursor,
                row => new RewrapCursor(
                    row.GetInt32(0),
                    new RewrapPosition((RewrapPhase)row.GetInt32(1), row.GetString(2), row.GetInt64(3)),
                    row.GetInt64(4),
                    row.GetInt64(5),
                    row.GetInt64(6)),
                ct,
                ("$tenant_id", tenantId)),
            cancellationToken);
    }

    public Task<long> CountValuesAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.ReadAsync(
            async (connection, ct) =>
                (await SqliteQuery.ListAsync(connection, KeySqlScripts.CountValues, row => row.GetInt64(0), ct, ("$tenant_id", tenantId))
                    .ConfigureAwait(false))[0],
            cancellationToken);
    }

    public Task<IReadOnlyDictionary<int, long>> CountByKeyVersionAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.ReadAsync<IReadOnlyDictionary<int, long>>(
            async (connection, ct) =>
            {
                var heads = await SqliteQuery.ListAsync(
                    connection,
                    KeySqlScripts.CountHeads,
                    row => (Head: row.GetString(0), Count: row.GetInt64(1)),
                    ct,
                    ("$tenant_id", tenantId),
                    ("$head_length", EncryptedText.TenantHeadLength)).ConfigureAwait(false);
                return heads
                    .GroupBy(h => EncryptedText.TryGetTenantKeyVersion(h.Head, out var version) ? version : 0)
                    .ToDictionary(g => g.Key, g => g.Sum(h => h.Count));
            },
            cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static bool IsEventValue(RewrappedValue value) =>
        value.Original.Column is EncryptedColumn.EventPayload or EncryptedColumn.EventSource;

    /// <summary>
    /// Events live in chunks of a twin's history: each chunk holding any of the values is read,
    /// changed where it still holds the original, and written once.
    /// </summary>
    private static int ReplaceInChunks(SqliteConnection connection, string tenantId, IReadOnlyList<RewrappedValue> values)
    {
        var written = 0;
        foreach (var twin in values.GroupBy(value => value.Original.RowId))
        {
            var pending = twin.OrderBy(value => value.Original.RowVersion).ToList();
            var i = 0;
            while (i < pending.Count)
            {
                var chunk = SqliteQuery.Single(
                    connection,
                    KeySqlScripts.ReadChunk,
                    row => new StoredChunk(row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), HistoryChunk.Decode(row.GetString(3))),
                    ("$tenant_id", tenantId),
                    ("$row_id", twin.Key),
                    ("$row_version", pending[i].Original.RowVersion));
                if (chunk is null || chunk.FirstVersion > pending[i].Original.RowVersion)
                {
                    // The event is gone (its tenant erased meanwhile): nothing to replace.
                    i++;
                    continue;
                }

                var replaced = 0;
                for (; i < pending.Count && pending[i].Original.RowVersion <= chunk.LastVersion; i++)
                {
                    var index = chunk.Events.FindIndex(e => e.Version == pending[i].Original.RowVersion);
                    if (index >= 0 && ReplaceIn(chunk.Events, index, pending[i]))
                    {
                        replaced++;
                    }
                }

                if (replaced > 0)
                {
                    SqliteQuery.Execute(connection, KeySqlScripts.UpdateChunk, ("$chunk_id", chunk.ChunkId), ("$events", HistoryChunk.Encode(chunk.Events)));
                    written += replaced;
                }
            }
        }

        return written;
    }

    private static bool ReplaceIn(List<TwinEvent> events, int index, RewrappedValue value)
    {
        var stored = events[index];
        var original = value.Original;
        if (original.Column == EncryptedColumn.EventPayload && stored.Payload == original.Value)
        {
            events[index] = stored with { Payload = value.Value };
            return true;
        }

        if (original.Column == EncryptedColumn.EventSource && stored.Source == original.Value)
        {
            events[index] = stored with { Source = value.Value };
            return true;
        }

        return false;
    }

    private static int Replace(SqliteConnection connection, string tenantId, RewrappedValue value)
    {
        var original = value.Original;
        var sql = original.Column switch
        {
            EncryptedColumn.TenantName => KeySqlScripts.UpdateTenantName,
            EncryptedColumn.ApiKeyDescription => KeySqlScripts.UpdateApiKeyDescription,
            EncryptedColumn.ModelDocument => KeySqlScripts.UpdateModelDocument,
            EncryptedColumn.TwinSnapshot => KeySqlScripts.UpdateTwinSnapshot,
            EncryptedColumn.QuarantineDocument => KeySqlScripts.UpdateQuarantineDocument,
            EncryptedColumn.SignalDetail => KeySqlScripts.UpdateSignalDetail,
            EncryptedColumn.DeviceSigningKey => KeySqlScripts.UpdateDeviceKey,
            EncryptedColumn.UserTotpSecret => KeySqlScripts.UpdateUserTotpSecret,
            _ => throw new ArgumentOutOfRangeException(nameof(value), original.Column, "Unknown encrypted column."),
        };
        return SqliteQuery.Execute(
            connection,
            sql,
            ("$tenant_id", tenantId),
            ("$row_id", original.RowId),
            ("$row_version", original.RowVersion),
            ("$value", value.Value),
            ("$expected", original.Value));
    }

    private sealed record StoredChunk(long ChunkId, long FirstVersion, long LastVersion, List<TwinEvent> Events);
}
