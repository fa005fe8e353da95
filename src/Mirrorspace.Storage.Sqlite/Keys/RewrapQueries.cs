using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Encryption;
using Mirrorspace.Storage.Sqlite.History;

namespace Mirrorspace.Storage.Sqlite.Keys;

/// <summary>Reads one table's encrypted values for the rewrap pass, keyset-paged by primary key.</summary>
internal static class RewrapQueries
{
    public static async Task<RewrapBatch> ReadAsync(
        SqliteConnection connection,
        string tenantId,
        RewrapPosition after,
        int limit,
        CancellationToken cancellationToken)
    {
        if (after.Phase == RewrapPhase.Events)
        {
            return await ReadEventsAsync(connection, tenantId, after, limit, cancellationToken).ConfigureAwait(false);
        }

        (string Sql, Func<SqliteDataReader, Row> Map) query = after.Phase switch
        {
            RewrapPhase.Tenant => (KeySqlScripts.ReadTenant, r => new Row(r.GetString(0), 0, EncryptedColumn.TenantName, r.GetString(1))),
            RewrapPhase.ApiKeys => (KeySqlScripts.ReadApiKeys, r => new Row(r.GetString(0), 0, EncryptedColumn.ApiKeyDescription, r.GetString(1))),
            RewrapPhase.Models => (KeySqlScripts.ReadModels, r => new Row(r.GetString(0), r.GetInt64(1), EncryptedColumn.ModelDocument, r.GetString(2))),
            RewrapPhase.Twins => (KeySqlScripts.ReadTwins, r => new Row(r.GetString(0), r.GetInt64(1), EncryptedColumn.TwinSnapshot, r.GetString(2))),
            RewrapPhase.Quarantine => (KeySqlScripts.ReadQuarantine, r => new Row(r.GetString(0), 0, EncryptedColumn.QuarantineDocument, r.GetString(1))),

            // A signal's value is named by (twin, time); the walk goes by its id.
            RewrapPhase.Signals => (KeySqlScripts.ReadSignals, r => new Row(r.GetString(1), r.GetInt64(2), EncryptedColumn.SignalDetail, r.GetString(3), (string.Empty, r.GetInt64(0)))),
            RewrapPhase.DeviceKeys => (KeySqlScripts.ReadDeviceKeys, r => new Row(r.GetString(0), 0, EncryptedColumn.DeviceSigningKey, r.GetString(1))),
            RewrapPhase.UserTotpSecrets => (KeySqlScripts.ReadUserTotpSecrets, r => new Row(r.GetString(0), 0, EncryptedColumn.UserTotpSecret, r.GetString(1))),
            _ => throw new ArgumentOutOfRangeException(nameof(after), after.Phase, "Nothing to read after the last phase."),
        };

        var rows = await SqliteQuery.ListAsync(
            connection,
            query.Sql,
            query.Map,
            cancellationToken,
            ("$tenant_id", tenantId),
            ("$after_id", after.AfterId),
            ("$after_version", after.AfterVersion),
            ("$limit", limit)).ConfigureAwait(false);

        var values = new List<EncryptedValue>(rows.Count);
        foreach (var row in rows)
        {
            values.Add(new EncryptedValue(row.Column, row.Id, row.Version, row.Value));
        }

        // A short page (or the single tenant row) ends the table: the next read starts the next one.
        var next = after.Phase == RewrapPhase.Tenant || rows.Count < limit
            ? new RewrapPosition(after.Phase + 1, string.Empty, 0)
            : new RewrapPosition(after.Phase, rows[^1].Cursor.Id, rows[^1].Cursor.Version);
        return new RewrapBatch(values, next);
    }

    /// <summary>
    /// The history is stored in chunks, each read and rewritten whole, so a page holds whole chunks:
    /// as many as fit in <paramref name="limit"/> events, and at least one. An event has two values,
    /// its payload and its source.
    /// </summary>
    private static async Task<RewrapBatch> ReadEventsAsync(
        SqliteConnection connection,
        string tenantId,
        RewrapPosition after,
        int limit,
        CancellationToken cancellationToken)
    {
        var chunks = await SqliteQuery.ListAsync(
            connection,
            KeySqlScripts.ReadEvents,
            r => (TwinId: r.GetString(0), LastVersion: r.GetInt64(1), Events: HistoryChunk.Decode(r.GetString(2))),
            cancellationToken,
            ("$tenant_id", tenantId),
            ("$after_id", after.AfterId),
            ("$after_version", after.AfterVersion),
            ("$limit", limit)).ConfigureAwait(false);

        var values = new List<EncryptedValue>();
        var taken = 0;
        foreach (var chunk in chunks)
        {
            if (taken > 0 && (values.Count / 2) + chunk.Events.Count > limit)
            {
                break;
            }

            foreach (var e in chunk.Events)
            {
                values.Add(new EncryptedValue(EncryptedColumn.EventPayload, chunk.TwinId, e.Version, e.Payload));
                values.Add(new EncryptedValue(EncryptedColumn.EventSource, chunk.TwinId, e.Version, e.Source));
            }

            taken++;
        }

        var next = taken == chunks.Count && chunks.Count < limit
            ? new RewrapPosition(after.Phase + 1, string.Empty, 0)
            : new RewrapPosition(after.Phase, chunks[taken - 1].TwinId, chunks[taken - 1].LastVersion);
        return new RewrapBatch(values, next);
    }

    /// <param name="WalkedBy">Where the walk resumes after this row, when that is not the row's own id and version.</param>
    private sealed record Row(string Id, long Version, EncryptedColumn Column, string Value, (string Id, long Version)? WalkedBy = null)
    {
        public (string Id, long Version) Cursor => WalkedBy ?? (Id, Version);
    }
}
