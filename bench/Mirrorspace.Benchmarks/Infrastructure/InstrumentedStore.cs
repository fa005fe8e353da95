using System.Diagnostics;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>
/// Wraps the real store to count what the group-commit writer hands it: commits, rows per commit
/// and time spent committing. With <see cref="DiscardCommits"/> set, commits are acknowledged
/// without touching SQLite, which isolates the cost of Orleans and the grain from the cost of the history.
/// </summary>
internal sealed class InstrumentedStore(ITwinSpaceStore inner) : ITwinSpaceStore
{
    private long _commits;
    private long _rows;
    private long _maxRows;
    private long _commitTicks;
    private long _commitCpuTicks;

    public bool DiscardCommits { get; set; }

    public CommitStats Stats => new(
        Interlocked.Read(ref _commits),
        Interlocked.Read(ref _rows),
        Interlocked.Read(ref _maxRows),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks)),
        TimeSpan.FromTicks(Interlocked.Read(ref _commitCpuTicks)));

    public void ResetStats()
    {
        Interlocked.Exchange(ref _commits, 0);
        Interlocked.Exchange(ref _rows, 0);
        Interlocked.Exchange(ref _maxRows, 0);
        Interlocked.Exchange(ref _commitTicks, 0);
        Interlocked.Exchange(ref _commitCpuTicks, 0);
    }

    public async Task CommitAsync(IReadOnlyList<TwinWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var started = Stopwatch.GetTimestamp();
        if (!DiscardCommits)
        {
            // The SQLite store commits synchronously inside the call, on the group-commit writer's
            // thread: the thread's CPU time around the call is the commit's.
            var cpu = ThreadCpu.Current();
            var commit = inner.CommitAsync(writes, cancellationToken);
            Interlocked.Add(ref _commitCpuTicks, (ThreadCpu.Current() - cpu).Ticks);
            await commit.ConfigureAwait(false);
        }

        // Only the single group-commit loop calls this, so the counters see no concurrent writers.
        Interlocked.Add(ref _commitTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _rows, writes.Count);
        if (writes.Count > Interlocked.Read(ref _maxRows))
        {
            Interlocked.Exchange(ref _maxRows, writes.Count);
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken) => inner.CreateTenantAsync(tenant, cancellationToken);

    public Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken cancellationToken) => inner.GetTenantAsync(tenantId, cancellationToken);

    public Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken) => inner.ListTenantsAsync(cancellationToken);

    public Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken) => inner.CreateApiKeyAsync(key, cancellationToken);

    public Task<ApiKeyRecord?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken) => inner.FindApiKeyAsync(keyId, cancellationToken);

    public Task<ApiKeyRecord?> GetApiKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken) =>
        inner.GetApiKeyAsync(tenantId, keyId, cancellationToken);

    public Task<Page<ApiKeyRecord>> ListApiKeysAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListApiKeysAsync(tenantId, page, cancellationToken);

    public Task<bool> RevokeApiKeyAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        inner.RevokeApiKeyAsync(tenantId, keyId, revokedAt, cancellationToken);

    public Task ReplacePlatformKeyAsync(PlatformKeyRecord key, CancellationToken cancellationToken) => inner.ReplacePlatformKeyAsync(key, cancellationToken);

    public Task<PlatformKeyRecord?> FindPlatformKeyAsync(string keyId, CancellationToken cancellationToken) => inner.FindPlatformKeyAsync(keyId, cancellationToken);

    public Task<ModelSaveOutcome> SaveModelAsync(StoredModel model, CancellationToken cancellationToken) => inner.SaveModelAsync(model, cancellationToken);

    public Task<StoredModel?> GetModelAsync(string tenantId, string modelId, int? version, CancellationToken cancellationToken) =>
        inner.GetModelAsync(tenantId, modelId, version, cancellationToken);

    public Task<Page<StoredModel>> ListModelsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListModelsAsync(tenantId, page, cancellationToken);

    public Task<TwinRecord?> GetTwinAsync(string tenantId, string twinId, CancellationToken cancellationToken) =>
        inner.GetTwinAsync(tenantId, twinId, cancellationToken);

    public Task<Page<TwinRecord>> ListTwinsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListTwinsAsync(tenantId, page, cancellationToken);

    public IAsyncEnumerable<TwinEvent> ReadEventsAsync(string tenantId, string twinId, EventRange range, CancellationToken cancellationToken) =>
        inner.ReadEventsAsync(tenantId, twinId, range, cancellationToken);

    public Task<IReadOnlyList<RelationshipRecord>> ListRelationshipsAsync(string tenantId, string sourceId, CancellationToken cancellationToken) =>
        inner.ListRelationshipsAsync(tenantId, sourceId, cancellationToken);
}

internal readonly record struct CommitStats(long Commits, long Rows, long MaxRows, TimeSpan CommitTime, TimeSpan CommitCpu)
{
    public double RowsPerCommit => Commits == 0 ? 0 : (double)Rows / Commits;
}
