using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>
/// An <see cref="ITwinSpaceStore"/> in one SQLite file (WAL, synchronous=FULL). Writes are
/// serialized on one connection; reads run concurrently on pooled connections. Call
/// <see cref="InitializeAsync"/> before anything else.
/// </summary>
public sealed class SqliteTwinSpaceStore : ITwinSpaceStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;

    public SqliteTwinSpaceStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        _database = new SqliteDatabase(options.DatabasePath);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync(writer => SchemaMigrator.Migrate(writer.Connection), cancellationToken);

    public Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return _database.WriteAsync(writer => TenantStatements.CreateTenant(writer.Connection, tenant), cancellationToken);
    }

    public Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.ReadAsync((connection, ct) => TenantStatements.GetTenantAsync(connection, tenantId, ct), cancellationToken);
    }

    public Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(TenantStatements.ListTenantsAsync, cancellationToken);

    public Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _database.WriteAsync(writer => TenantStatements.CreateApiKey(writer.Connection, key), cancellationToken);
    }

    public Task<ApiKeyRecord?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _database.ReadAsync((connection, ct) => TenantStatements.FindApiKeyAsync(connection, keyId, ct), cancellationToken);
    }

    public Task<ModelSaveOutcome> SaveModelAsync(StoredModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _database.WriteAsync(writer => ModelStatements.Save(writer.Connection, model), cancellationToken);
    }

    public Task<StoredModel?> GetModelAsync(string tenantId, string modelId, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(modelId);
        return _database.ReadAsync(
            (connection, ct) => ModelStatements.GetAsync(connection, tenantId, modelId, version, ct),
            cancellationToken);
    }

    public Task<Page<StoredModel>> ListModelsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(page);
        return _database.ReadAsync((connection, ct) => ModelStatements.ListAsync(connection, tenantId, page, ct), cancellationToken);
    }

    public Task<TwinRecord?> GetTwinAsync(string tenantId, string twinId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(twinId);
        return _database.ReadAsync((connection, ct) => TwinQueries.GetAsync(connection, tenantId, twinId, ct), cancellationToken);
    }

    public Task<Page<TwinRecord>> ListTwinsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(page);
        return _database.ReadAsync((connection, ct) => TwinQueries.ListAsync(connection, tenantId, page, ct), cancellationToken);
    }

    public IAsyncEnumerable<TwinEvent> ReadEventsAsync(
        string tenantId,
        string twinId,
        EventRange range,
        CancellationToken cancellationToken)
    {
        // Checked here, not in the iterator, so bad arguments fail at the call rather than on first MoveNext.
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(twinId);
        ArgumentNullException.ThrowIfNull(range);
        if (range.Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(limit, nameof(range));
        }

        return EventQueries.ReadAsync(_database, tenantId, twinId, range, cancellationToken);
    }

    public Task<IReadOnlyList<RelationshipRecord>> ListRelationshipsAsync(
        string tenantId,
        string sourceId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(sourceId);
        return _database.ReadAsync(
            (connection, ct) => TwinQueries.ListRelationshipsAsync(connection, tenantId, sourceId, ct),
            cancellationToken);
    }

    public Task CommitAsync(IReadOnlyList<TwinWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.Count == 0
            ? Task.CompletedTask
            : _database.WriteAsync(writer => writer.Statements.Commit(writes, cancellationToken), cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
