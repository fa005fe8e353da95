using Microsoft.Data.Sqlite;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Sqlite.Keys;

/// <summary>
/// The <see cref="IKeyStore"/> in the same SQLite file as <see cref="SqliteTwinSpaceStore"/>
/// (schema version 2), through its own write connection. Key changes run with
/// <c>secure_delete</c> on, and erasures and master key rotations truncate the WAL afterwards, so a
/// destroyed wrapped key is overwritten in the file rather than left in a free page or an old frame.
/// </summary>
public sealed partial class SqliteKeyStore : IKeyStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;

    public SqliteKeyStore(SqliteStoreOptions options)
    {
        _database = SqliteDatabase.ForStore(options);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(cancellationToken);

    public Task<byte[]?> GetKeyCheckValueAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(connection, KeySqlScripts.GetCheckValue, row => row.GetFieldValue<byte[]>(0), ct),
            cancellationToken);

    public Task<bool> TryCreateKeyCheckValueAsync(byte[] checkValue, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkValue);
        return _database.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection,
                KeySqlScripts.InsertCheckValue,
                ("$check_value", checkValue),
                ("$created_at", Ticks.From(createdAt))) == 1,
            cancellationToken);
    }

    public Task<bool> HasDataKeysAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            async (connection, ct) =>
                (await SqliteQuery.ListAsync(connection, KeySqlScripts.CountDataKeys, row => row.GetInt64(0), ct).ConfigureAwait(false))[0] > 0,
            cancellationToken);

    public Task<KeyPolicy?> GetPolicyAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(connection, KeySqlScripts.GetPolicy, KeyRows.Policy, ct, ("$tenant_id", tenantId)),
            cancellationToken);
    }

    public Task<IReadOnlyList<WrappedDataKey>> GetDataKeysAsync(string tenantId, int minimumVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.ReadAsync<IReadOnlyList<WrappedDataKey>>(
            async (connection, ct) => await SqliteQuery.ListAsync(
                connection,
                KeySqlScripts.ListDataKeys,
                KeyRows.DataKey,
                ct,
                ("$tenant_id", tenantId),
                ("$min_version", minimumVersion)).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<bool> TryCreateFirstDataKeyAsync(WrappedDataKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Version != 1)
        {
            throw new ArgumentException("A tenant's first data key is version 1.", nameof(key));
        }

        return _database.WriteAsync(
            writer =>
            {
                using var transaction = writer.Connection.BeginTransaction();
                var created = SqliteQuery.Execute(
                    writer.Connection,
                    KeySqlScripts.InsertPolicy,
                    ("$tenant_id", key.TenantId),
                    ("$updated_at", Ticks.From(key.CreatedAt))) == 1
                    && InsertDataKey(writer.Connection, key);
                if (created)
                {
                    transaction.Commit();
                }

                return created;
            },
            cancellationToken);
    }

    public Task<bool> TryAddDataKeyVersionAsync(WrappedDataKey key, int expectedCurrentVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _database.WriteAsync(
            writer =>
            {
                using var transaction = writer.Connection.BeginTransaction();
                var added = SqliteQuery.Execute(
                    writer.Connection,
                    KeySqlScripts.AdvanceCurrentVersion,
                    ("$tenant_id", key.TenantId),
                    ("$version", key.Version),
                    ("$expected_version", expectedCurrentVersion),
                    ("$updated_at", Ticks.From(key.CreatedAt))) == 1
                    && InsertDataKey(writer.Connection, key);
                if (added)
                {
                    transaction.Commit();
                }

                return added;
            },
            cancellationToken);
    }

    public Task<bool> SetMinimumDecryptionVersionAsync(string tenantId, int version, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection,
                KeySqlScripts.SetMinimumVersion,
                ("$tenant_id", tenantId),
                ("$version", version),
                ("$updated_at", Ticks.From(updatedAt))) == 1,
            cancellationToken);
    }

    public Task<IReadOnlyList<WrappedDataKey>> GetAllDataKeysAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<WrappedDataKey>>(
            async (connection, ct) => await SqliteQuery.ListAsync(connection, KeySqlScripts.ListAllDataKeys, KeyRows.DataKey, ct).ConfigureAwait(false),
            cancellationToken);

    public Task<bool> ReplaceMasterKeyWrappingAsync(
        IReadOnlyList<WrappedDataKey> rewrapped,
        byte[] expectedCheckValue,
        byte[] checkValue,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewrapped);
        ArgumentNullException.ThrowIfNull(expectedCheckValue);
        ArgumentNullException.ThrowIfNull(checkValue);
        return _database.WriteAsync(
            writer =>
            {
                var connection = writer.Connection;
                SecureDelete(connection);
                bool replaced;
                using (var transaction = connection.BeginTransaction())
                {
                    replaced = CountDataKeys(connection) == rewrapped.Count
                        && SqliteQuery.Execute(
                            connection,
                            KeySqlScripts.ReplaceCheckValue,
                            ("$check_value", checkValue),
                            ("$expected", expectedCheckValue)) == 1
                        && rewrapped.All(key => SqliteQuery.Execute(
                            connection,
                            KeySqlScripts.ReplaceDataKeyWrapping,
                            ("$tenant_id", key.TenantId),
                            ("$version", key.Version),
                            ("$wrapped_key", key.WrappedKey)) == 1);
                    if (replaced)
                    {
                        transaction.Commit();
                    }
                }

                if (replaced)
                {
                    TruncateWal(connection);
                }

                return replaced;
            },
            cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static bool InsertDataKey(SqliteConnection connection, WrappedDataKey key) =>
        SqliteQuery.Execute(
            connection,
            KeySqlScripts.InsertDataKey,
            ("$tenant_id", key.TenantId),
            ("$version", key.Version),
            ("$wrapped_key", key.WrappedKey),
            ("$created_at", Ticks.From(key.CreatedAt))) == 1;

    private static long CountDataKeys(SqliteConnection connection)
    {
        using var command = SqliteQuery.Create(connection, KeySqlScripts.CountDataKeys, []);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Makes SQLite overwrite the bytes of deleted and replaced content with zeros (per connection).</summary>
    private static void SecureDelete(SqliteConnection connection) => SqliteQuery.Execute(connection, "PRAGMA secure_delete = ON;");

    /// <summary>
    /// Copies the WAL into the database and truncates it, so old frames holding a destroyed key are
    /// gone too. Best effort: a reader holding an old snapshot keeps its frames until the next truncate.
    /// </summary>
    private static void TruncateWal(SqliteConnection connection) => SqliteQuery.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
}
