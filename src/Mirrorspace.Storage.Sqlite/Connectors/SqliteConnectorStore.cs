using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Connectors;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite.Connectors;

/// <summary>
/// The <see cref="IConnectorStore"/> in the same SQLite file as <see cref="SqliteTwinSpaceStore"/>,
/// through its own write connection. Credentials reach it only as text sealed by the cipher it is
/// given, and the schema refuses a credentials value that is not an envelope.
/// </summary>
public sealed class SqliteConnectorStore : IConnectorStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly IConnectorCredentialCipher _cipher;

    public SqliteConnectorStore(SqliteStoreOptions options, IConnectorCredentialCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        _database = SqliteDatabase.ForStore(options);
        _cipher = cipher;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(cancellationToken);

    public async Task<ConnectorSaveOutcome> PutAsync(ConnectorRecord connector, ConnectorCredentials? credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var sealedCredentials = credentials is null
            ? null
            : await _cipher.SealAsync(connector.TenantId, connector.ConnectorId, credentials, cancellationToken).ConfigureAwait(false);
        return await _database.WriteAsync(
            writer =>
            {
                using var transaction = writer.Connection.BeginTransaction();
                var authKind = credentials is null ? (object?)null : (int)credentials.Kind;
                ConnectorSaveOutcome outcome;
                if (sealedCredentials is not null && SqliteQuery.Execute(writer.Connection, ConnectorSqlScripts.Insert, Parameters(connector, authKind, sealedCredentials)) == 1)
                {
                    outcome = ConnectorSaveOutcome.Created;
                }
                else if (SqliteQuery.Execute(writer.Connection, ConnectorSqlScripts.Update, Parameters(connector, authKind, sealedCredentials)) == 1)
                {
                    outcome = ConnectorSaveOutcome.Updated;
                }
                else
                {
                    throw new ArgumentException($"Connector '{connector.ConnectorId}' does not exist yet: a new connector needs credentials.", nameof(credentials));
                }

                transaction.Commit();
                return outcome;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<ConnectorRecord?> GetAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
    {
        var (tenant, connector) = Key(tenantId, connectorId);
        return _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(connection, ConnectorSqlScripts.Get, ConnectorRows.Connector, ct, tenant, connector),
            cancellationToken);
    }

    public async Task<ConnectorCredentials?> GetCredentialsAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
    {
        var (tenant, connector) = Key(tenantId, connectorId);
        var stored = await _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(connection, ConnectorSqlScripts.GetCredentials, row => row.GetString(0), ct, tenant, connector),
            cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await _cipher.OpenAsync(tenantId, connectorId, stored, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<ConnectorRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(page);
        var limit = Paging.Limit(page);
        var rows = await _database.ReadAsync(
            (connection, ct) => SqliteQuery.ListAsync(
                connection,
                ConnectorSqlScripts.List,
                ConnectorRows.Connector,
                ct,
                ("$tenant_id", tenantId),
                ("$after", Paging.After(page)),
                ("$limit", limit + 1)),
            cancellationToken).ConfigureAwait(false);
        return Paging.ToPage(rows, limit, c => c.ConnectorId);
    }

    public Task<bool> DeleteAsync(string tenantId, string connectorId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            writer =>
            {
                using var transaction = writer.Connection.BeginTransaction();
                var (tenant, connector) = Key(tenantId, connectorId);
                SqliteQuery.Execute(writer.Connection, ConnectorSqlScripts.Delete, tenant, connector);
                var deleted = Changes(writer.Connection) == 1;
                transaction.Commit();
                return deleted;
            },
            cancellationToken);

    public async Task<IReadOnlyList<ConnectorSchedule>> ListScheduledAsync(CancellationToken cancellationToken) =>
        await _database.ReadAsync(
            (connection, ct) => SqliteQuery.ListAsync(connection, ConnectorSqlScripts.ListScheduled, ConnectorRows.Schedule, ct),
            cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ImportedFileRecord>> GetImportedFilesAsync(string tenantId, string connectorId, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return await _database.ReadAsync(
            (connection, ct) => SqliteQuery.ListAsync(
                connection,
                ConnectorSqlScripts.GetFiles,
                ConnectorRows.ImportedFile,
                ct,
                ("$tenant_id", tenantId),
                ("$connector_id", connectorId),
                ("$file_name", fileName)),
            cancellationToken).ConfigureAwait(false);
    }

    public Task SaveImportedFileAsync(ImportedFileRecord file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return _database.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection,
                ConnectorSqlScripts.SaveFile,
                ("$tenant_id", file.TenantId),
                ("$connector_id", file.ConnectorId),
                ("$file_name", file.FileName),
                ("$content_hash", file.ContentHash),
                ("$size", file.Size),
                ("$modified_at", Ticks.From(file.ModifiedAt)),
                ("$state", (int)file.State),
                ("$next_line", file.NextLine),
                ("$in_doubt_through", file.InDoubtThrough),
                ("$in_doubt_since", file.InDoubtSince is { } since ? Ticks.From(since) : null),
                ("$rows_accepted", file.RowsAccepted),
                ("$rows_refused", file.RowsRefused),
                ("$started_at", Ticks.From(file.StartedAt)),
                ("$completed_at", file.CompletedAt is { } completed ? Ticks.From(completed) : null)),
            cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static ((string Name, object? Value) Tenant, (string Name, object? Value) Connector) Key(string tenantId, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(connectorId);
        return (("$tenant_id", tenantId), ("$connector_id", connectorId));
    }

    /// <summary>Rows changed by the last statement of the script (the connector row itself).</summary>
    private static long Changes(SqliteConnection connection)
    {
        using var command = SqliteQuery.Create(connection, "SELECT changes();", []);
        return (long)command.ExecuteScalar()!;
    }

    private static (string Name, object? Value)[] Parameters(ConnectorRecord c, object? authKind, string? sealedCredentials) =>
    [
        ("$tenant_id", c.TenantId),
        ("$connector_id", c.ConnectorId),
        ("$host", c.Host),
        ("$port", c.Port),
        ("$user_name", c.User),
        ("$auth_kind", authKind),
        ("$credentials", sealedCredentials),
        ("$host_key_fingerprint", c.HostKeyFingerprint),
        ("$remote_folder", c.RemoteFolder),
        ("$file_pattern", c.FilePattern),
        ("$format", (int)c.Format),
        ("$interval_ticks", c.Interval.Ticks),
        ("$processed", (int)c.Processed),
        ("$enabled", c.Enabled ? 1 : 0),
        ("$created_at", Ticks.From(c.CreatedAt)),
        ("$updated_at", Ticks.From(c.UpdatedAt)),
    ];
}
