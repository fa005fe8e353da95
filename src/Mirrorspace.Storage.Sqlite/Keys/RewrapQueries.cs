using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Encryption;

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
        (string Sql, Func<SqliteDataReader, Row> Map) query = after.Phase switch
        {
            RewrapPhase.Tenant => (KeySqlScripts.ReadTenant, r => new Row(r.GetString(0), 0, EncryptedColumn.TenantName, r.GetString(1), null)),
            RewrapPhase.ApiKeys => (KeySqlScripts.ReadApiKeys, r => new Row(r.GetString(0), 0, EncryptedColumn.ApiKeyDescription, r.GetString(1), null)),
            RewrapPhase.Models => (KeySqlScripts.ReadModels, r => new Row(r.GetString(0), r.GetInt64(1), EncryptedColumn.ModelDocument, r.GetString(2), null)),
            RewrapPhase.Twins => (KeySqlScripts.ReadTwins, r => new Row(r.GetString(0), r.GetInt64(1), EncryptedColumn.TwinSnapshot, r.GetString(2), null)),
            RewrapPhase.Events => (KeySqlScripts.ReadEvents, r => new Row(r.GetString(0), r.GetInt64(1), EncryptedColumn.EventPayload, r.GetString(2), r.GetString(3))),
            RewrapPhase.Quarantine => (KeySqlScripts.ReadQuarantine, r => new Row(r.GetString(0), 0, EncryptedColumn.QuarantineDocument, r.GetString(1), null)),

            // A signal's value is named by (twin, time); the walk goes by its id.
            RewrapPhase.Signals => (KeySqlScripts.ReadSignals, r => new Row(r.GetString(1), r.GetInt64(2), EncryptedColumn.SignalDetail, r.GetString(3), null, (string.Empty, r.GetInt64(0)))),
            RewrapPhase.DeviceKeys => (KeySqlScripts.ReadDeviceKeys, r => new Row(r.GetString(0), 0, EncryptedColumn.DeviceSigningKey, r.GetString(1), null)),
            RewrapPhase.UserTotpSecrets => (KeySqlScripts.ReadUserTotpSecrets, r => new Row(r.GetString(0), 0, EncryptedColumn.UserTotpSecret, r.GetString(1), null)),
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

        var values = new List<EncryptedValue>(rows.Count * 2);
        foreach (var row in rows)
        {
            values.Add(new EncryptedValue(row.Column, row.Id, row.Version, row.Value));
            if (row.Source is not null)
            {
                values.Add(new EncryptedValue(EncryptedColumn.EventSource, row.Id, row.Version, row.Source));
            }
        }

        // A short page (or the single tenant row) ends the table: the next read starts the next one.
        var next = after.Phase == RewrapPhase.Tenant || rows.Count < limit
            ? new RewrapPosition(after.Phase + 1, string.Empty, 0)
            : new RewrapPosition(after.Phase, rows[^1].Cursor.Id, rows[^1].Cursor.Version);
        return new RewrapBatch(values, next);
    }

    /// <param name="WalkedBy">Where the walk resumes after this row, when that is not the row's own id and version.</param>
    private sealed record Row(string Id, long Version, EncryptedColumn Column, string Value, string? Source, (string Id, long Version)? WalkedBy = null)
    {
        public (string Id, long Version) Cursor => WalkedBy ?? (Id, Version);
    }
}
