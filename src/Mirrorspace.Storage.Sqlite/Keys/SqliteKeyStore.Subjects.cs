using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Sqlite.Keys;

/// <summary>Data subject keys and their tombstones.</summary>
public sealed partial class SqliteKeyStore
{
    public Task<SubjectKeyRecord?> GetSubjectKeyAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(subjectId);
        return _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(
                connection,
                KeySqlScripts.GetSubjectKey,
                KeyRows.SubjectKey,
                ct,
                ("$tenant_id", tenantId),
                ("$subject_id", subjectId)),
            cancellationToken);
    }

    public Task<bool> TryCreateSubjectKeyAsync(SubjectKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.IsErased || key.WrappedKey is null || key.TenantKeyVersion is null)
        {
            throw new ArgumentException("A new subject key needs a wrapped key and its wrapping version.", nameof(key));
        }

        return _database.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection,
                KeySqlScripts.InsertSubjectKey,
                ("$tenant_id", key.TenantId),
                ("$subject_id", key.SubjectId),
                ("$tenant_key_version", key.TenantKeyVersion),
                ("$wrapped_key", key.WrappedKey),
                ("$created_at", Ticks.From(key.CreatedAt))) == 1,
            cancellationToken);
    }

    public Task<bool> EraseSubjectKeyAsync(string tenantId, string subjectId, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(subjectId);
        return _database.WriteAsync(
            writer =>
            {
                SecureDelete(writer.Connection);
                var erased = SqliteQuery.Execute(
                    writer.Connection,
                    KeySqlScripts.EraseSubjectKey,
                    ("$tenant_id", tenantId),
                    ("$subject_id", subjectId),
                    ("$erased_at", Ticks.From(erasedAt))) == 1;
                TruncateWal(writer.Connection);
                return erased;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<SubjectKeyRecord>> GetSubjectKeysWrappedBelowAsync(
        string tenantId,
        int version,
        string afterSubjectId,
        int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(afterSubjectId);
        return _database.ReadAsync<IReadOnlyList<SubjectKeyRecord>>(
            async (connection, ct) => await SqliteQuery.ListAsync(
                connection,
                KeySqlScripts.ListSubjectKeysBelow,
                KeyRows.SubjectKey,
                ct,
                ("$tenant_id", tenantId),
                ("$version", version),
                ("$after", afterSubjectId),
                ("$limit", limit)).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<bool> TryRewrapSubjectKeyAsync(SubjectKeyRecord key, int expectedTenantKeyVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _database.WriteAsync(
            writer =>
            {
                SecureDelete(writer.Connection);
                return SqliteQuery.Execute(
                    writer.Connection,
                    KeySqlScripts.RewrapSubjectKey,
                    ("$tenant_id", key.TenantId),
                    ("$subject_id", key.SubjectId),
                    ("$tenant_key_version", key.TenantKeyVersion),
                    ("$wrapped_key", key.WrappedKey),
                    ("$expected_version", expectedTenantKeyVersion)) == 1;
            },
            cancellationToken);
    }

    public Task<IReadOnlyDictionary<int, long>> CountSubjectKeysByVersionAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.ReadAsync<IReadOnlyDictionary<int, long>>(
            async (connection, ct) =>
            {
                var rows = await SqliteQuery.ListAsync(
                    connection,
                    KeySqlScripts.CountSubjectKeysByVersion,
                    row => (Version: row.GetInt32(0), Count: row.GetInt64(1)),
                    ct,
                    ("$tenant_id", tenantId)).ConfigureAwait(false);
                return rows.ToDictionary(r => r.Version, r => r.Count);
            },
            cancellationToken);
    }
}
