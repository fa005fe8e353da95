using System.Globalization;
using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite.Integrity;

/// <summary>
/// Reads quarantined readings and signals from the node's SQLite file. It only reads: rows are
/// written by the group commit, in the transaction of the twin change they belong to.
/// </summary>
public sealed class SqliteIntegrityStore : IIntegrityStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;

    public SqliteIntegrityStore(SqliteStoreOptions options)
    {
        _database = SqliteDatabase.ForStore(options);
    }

    public Task<QuarantineRecord?> GetQuarantineAsync(string tenantId, string quarantineId, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(
                connection, IntegritySqlScripts.GetQuarantine, Quarantine, ct, ("$tenant_id", tenantId), ("$quarantine_id", quarantineId)),
            cancellationToken);

    public Task<Page<QuarantineRecord>> ListQuarantineAsync(
        string tenantId,
        string? twinId,
        QuarantineState? state,
        PageRequest page,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = Paging.Limit(page);
        var (afterAt, afterId) = ParseCursor(page.After);
        return _database.ReadAsync(
            async (connection, ct) => Paging.ToPage(
                await SqliteQuery.ListAsync(
                    connection,
                    IntegritySqlScripts.ListQuarantine,
                    Quarantine,
                    ct,
                    ("$tenant_id", tenantId),
                    ("$twin_id", twinId),
                    ("$state", state is { } s ? (long)s : null),
                    ("$after_at", afterAt),
                    ("$after_id", afterId),
                    ("$limit", limit + 1)).ConfigureAwait(false),
                limit,
                Cursor),
            cancellationToken);
    }

    public Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(string tenantId, string twinId, long afterSignalId, int limit, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<SignalRecord>>(
            async (connection, ct) => await SqliteQuery.ListAsync(
                connection,
                IntegritySqlScripts.ListSignals,
                Signal,
                ct,
                ("$tenant_id", tenantId),
                ("$twin_id", twinId),
                ("$after", afterSignalId),
                ("$limit", Math.Clamp(limit, 1, PageRequest.MaxLimit))).ConfigureAwait(false),
            cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>The list is newest first, so the cursor is the last row's receipt time and id.</summary>
    private static string Cursor(QuarantineRecord row) =>
        string.Create(CultureInfo.InvariantCulture, $"{Ticks.From(row.ReceivedAt)}.{row.QuarantineId}");

    private static (long? At, string? Id) ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return (null, null);
        }

        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? (at, cursor[(dot + 1)..])
            : throw new ArgumentException("The page cursor is not one this list handed out.", nameof(cursor));
    }

    private static QuarantineRecord Quarantine(SqliteDataReader row) => new()
    {
        QuarantineId = row.GetString(0),
        TenantId = row.GetString(1),
        TwinId = row.GetString(2),
        DeviceId = row.IsDBNull(3) ? null : row.GetString(3),
        ReceivedAt = Ticks.ToTimestamp(row.GetInt64(4)),
        Document = row.GetString(5),
        State = (QuarantineState)row.GetInt64(6),
        DecidedAt = row.IsDBNull(7) ? null : Ticks.ToTimestamp(row.GetInt64(7)),
        DecidedBy = row.IsDBNull(8) ? null : row.GetString(8),
    };

    private static SignalRecord Signal(SqliteDataReader row) => new()
    {
        SignalId = row.GetInt64(0),
        TenantId = row.GetString(1),
        TwinId = row.GetString(2),
        At = Ticks.ToTimestamp(row.GetInt64(3)),
        Kind = row.GetString(4),
        Property = row.IsDBNull(5) ? null : row.GetString(5),
        DeviceId = row.IsDBNull(6) ? null : row.GetString(6),
        Verdict = row.GetString(7),
        Detail = row.GetString(8),
    };
}
