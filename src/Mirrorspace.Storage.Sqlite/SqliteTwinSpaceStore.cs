using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite.History;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>
/// An <see cref="ITwinSpaceStore"/> in one SQLite file (WAL, synchronous=FULL). Writes are
/// serialized on one connection; reads run concurrently on pooled connections. Call
/// <see cref="InitializeAsync"/> before anything else.
/// </summary>
/// <remarks>
/// Events are committed to an arrival-ordered log (<c>twin_event_log</c>) and moved into the
/// per-twin history (<c>twin_event_chunks</c>) by a background indexer in large batches; reads see both,
/// so an event is readable as soon as its commit is acknowledged. See docs/architecture.md.
/// </remarks>
public sealed class SqliteTwinSpaceStore : ITwinSpaceStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly HistoryTail _tail = new();
    private readonly HistoryIndexer _indexer;
    private int _initialized;

    public SqliteTwinSpaceStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HistoryIndexBatchRows, 1, nameof(options));
        if (options.HistoryIndexDelay <= TimeSpan.Zero && options.HistoryIndexDelay != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.HistoryIndexDelay, "The history index delay must be positive or infinite.");
        }

        _database = new SqliteDatabase(
            options.DatabasePath,
            writerOpened: writer => ConnectionPragmas.ApplyToCommitWriter(writer.Connection),
            writerDiscarded: _tail.Invalidate);
        _indexer = new HistoryIndexer(_database, _tail, options.HistoryIndexBatchRows, options.HistoryIndexDelay);
    }

    /// <summary>What the background indexer has done so far, and how many events wait for it.</summary>
    public HistoryIndexingStats HistoryIndexing => _indexer.Stats;

    /// <summary>
    /// Migrates the schema, takes stock of the events a previous run left unindexed (they are
    /// readable at once) and starts the background indexer, which moves them first.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _database.WriteAsync(
            writer =>
            {
                SchemaMigrator.Migrate(writer.Connection);
                _tail.Load(writer.Connection);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _initialized, 1);
        _indexer.Start();
    }

    public Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return WriteAsync(writer => TenantStatements.CreateTenant(writer.Connection, tenant), cancellationToken);
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
        return WriteAsync(writer => ApiKeyStatements.CreateApiKey(writer.Connection, key), cancellationToken);
    }

    public Task<ApiKeyRecord?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _database.ReadAsync((connection, ct) => ApiKeyStatements.FindApiKeyAsync(connection, keyId, ct), cancellationToken);
    }

    public Task<ApiKeyRecord?> GetApiKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(keyId);
        return _database.ReadAsync((connection, ct) => ApiKeyStatements.GetApiKeyAsync(connection, tenantId, keyId, ct), cancellationToken);
    }

    public Task<Page<ApiKeyRecord>> ListApiKeysAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(page);
        return _database.ReadAsync((connection, ct) => ApiKeyStatements.ListApiKeysAsync(connection, tenantId, page, ct), cancellationToken);
    }

    public Task<bool> RevokeApiKeyAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(keyId);
        return WriteAsync(writer => ApiKeyStatements.RevokeApiKey(writer.Connection, tenantId, keyId, revokedAt), cancellationToken);
    }

    public Task ReplacePlatformKeyAsync(PlatformKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(writer => ApiKeyStatements.ReplacePlatformKey(writer.Connection, key), cancellationToken);
    }

    public Task<PlatformKeyRecord?> FindPlatformKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _database.ReadAsync((connection, ct) => ApiKeyStatements.FindPlatformKeyAsync(connection, keyId, ct), cancellationToken);
    }

    public Task<ModelSaveOutcome> SaveModelAsync(StoredModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return WriteAsync(writer => ModelStatements.Save(writer.Connection, model), cancellationToken);
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

        return EventQueries.ReadAsync(_database, ct => TailSeqsAsync(tenantId, twinId, ct), tenantId, twinId, range, cancellationToken);
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
            : WriteAsync(writer => writer.Statements(_tail).Commit(writes, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Moves every unindexed event into the per-twin history now, and checkpoints the WAL; commits
    /// wait meanwhile. Reads never need it: it is for maintenance (before a copy of the file, say).
    /// </summary>
    public Task IndexHistoryAsync(CancellationToken cancellationToken) => _indexer.IndexAllAsync(cancellationToken);

    /// <summary>
    /// Stops the indexer and, after a normal start, indexes what is left, so the next start has no
    /// tail. Safe to call more than once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _indexer.DisposeAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _initialized, 0) == 1)
        {
            try
            {
                await _indexer.IndexAllAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SqliteException or ObjectDisposedException)
            {
                // The events are safe in the log; the next start indexes them.
            }
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteAsync(Action<SqliteWriter> work, CancellationToken cancellationToken)
    {
        await _database.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        _indexer.Written();
    }

    private async Task<T> WriteAsync<T>(Func<SqliteWriter, T> work, CancellationToken cancellationToken)
    {
        var result = await _database.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        _indexer.Written();
        return result;
    }

    private async Task<long[]> TailSeqsAsync(string tenantId, string twinId, CancellationToken cancellationToken)
    {
        // Not loaded only before InitializeAsync or right after a write failure: load it, then list.
        var seqs = _tail.SeqsOf(tenantId, twinId);
        while (seqs is null)
        {
            await _database.WriteAsync(
                writer =>
                {
                    if (!_tail.IsLoaded)
                    {
                        _tail.Load(writer.Connection);
                    }

                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            seqs = _tail.SeqsOf(tenantId, twinId);
        }

        return seqs;
    }
}
