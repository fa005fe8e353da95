using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Audit;

namespace Mirrorspace.Storage.Sqlite.Audit;

/// <summary>
/// An <see cref="IAuditStore"/> in its own SQLite file (audit.db: owner-only, WAL,
/// synchronous=FULL), written through the same single-writer <see cref="SqliteDatabase"/> as the
/// twin store, so the twins' hot path never waits on the audit log. <see cref="OpenReadOnly"/>
/// serves <c>mirrorspace audit verify</c>, which must never write.
/// </summary>
public sealed class SqliteAuditStore : IAuditStore, IAsyncDisposable
{
    private readonly SqliteDatabase? _database;
    private readonly string? _readOnlyConnectionString;

    public SqliteAuditStore(SqliteStoreOptions options)
    {
        _database = SqliteDatabase.ForStore(options);
    }

    private SqliteAuditStore(string readOnlyConnectionString) => _readOnlyConnectionString = readOnlyConnectionString;

    /// <summary>Opens an existing audit.db for reading only; works whether or not the node is running.</summary>
    public static SqliteAuditStore OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no audit log at {path}.", path);
        }

        return new SqliteAuditStore(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database is null ? Task.CompletedTask : _database.WriteAsync(writer => AuditSchema.Migrate(writer.Connection), cancellationToken);

    public Task AppendAsync(IReadOnlyList<ChainedAuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0 ? Task.CompletedTask : Writable.WriteAsync(writer => Append(writer.Connection, entries, cancellationToken), cancellationToken);
    }

    public async IAsyncEnumerable<ChainedAuditEntry> ReadAsync(long fromSequence, long toSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = SqliteQuery.Create(connection, AuditSqlScripts.ReadEntries, [("$from", fromSequence), ("$to", toSequence)]);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        yield return AuditRows.Entry(reader);
                    }
                }
            }
        }
    }

    public Task<IReadOnlyList<ChainedAuditEntry>> ListTenantAsync(string tenantId, long fromSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return ReadAsync<IReadOnlyList<ChainedAuditEntry>>(
            async (connection, ct) => await SqliteQuery.ListAsync(
                connection, AuditSqlScripts.ListTenantEntries, AuditRows.Entry, ct, ("$tenant_id", tenantId), ("$from", fromSequence), ("$limit", limit)).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<ChainedAuditEntry?> GetAsync(long sequence, CancellationToken cancellationToken) =>
        ReadAsync((connection, ct) => SqliteQuery.SingleAsync(connection, AuditSqlScripts.GetEntry, AuditRows.Entry, ct, ("$sequence", sequence)), cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, ct) =>
            {
                var command = SqliteQuery.Create(connection, AuditSqlScripts.CountEntries, []);
                await using (command.ConfigureAwait(false))
                {
                    return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                }
            },
            cancellationToken);

    public Task AddCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Writable.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection,
                AuditSqlScripts.InsertCheckpoint,
                ("$tree_size", checkpoint.TreeSize),
                ("$root_hash", checkpoint.RootHash),
                ("$chain_head", checkpoint.ChainHead),
                ("$timestamp", Ticks.From(checkpoint.Timestamp)),
                ("$key_id", checkpoint.KeyId),
                ("$signature", checkpoint.Signature)),
            cancellationToken);
    }

    public Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Checkpoint>>(
            async (connection, ct) => await SqliteQuery.ListAsync(connection, AuditSqlScripts.ReadCheckpoints, AuditRows.Checkpoint, ct).ConfigureAwait(false),
            cancellationToken);

    public ValueTask DisposeAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;

    private SqliteDatabase Writable => _database ?? throw new InvalidOperationException("This audit store was opened read-only.");

    private static void Append(SqliteConnection connection, IReadOnlyList<ChainedAuditEntry> entries, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = new PreparedStatement(
            connection,
            AuditSqlScripts.AppendEntry,
            "$sequence", "$timestamp", "$tenant_id", "$principal", "$action", "$resource", "$outcome", "$reason", "$remote_address", "$properties", "$purpose", "$hash")
        {
            Transaction = transaction,
        };
        foreach (var (e, hash) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            insert.Execute(
                e.Sequence, Ticks.From(e.Timestamp), e.TenantId, e.Principal, e.Action, e.Resource, AuditEntryEncoding.OutcomeName(e.Outcome),
                e.Reason, e.RemoteAddress, AuditRows.PropertiesJson(e.Properties), e.Purpose, hash);
        }

        transaction.Commit();
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await work(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        if (_database is not null)
        {
            return await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_readOnlyConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ConnectionPragmas.ApplyToReaderAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
