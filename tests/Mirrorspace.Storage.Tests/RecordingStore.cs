using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Tests;

/// <summary>A store that records each commit, can hold a commit until released, and refuses any group holding a poisoned write.</summary>
internal sealed class RecordingStore : ITwinSpaceStore
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _gate;

    public List<IReadOnlyList<TwinWrite>> Commits { get; } = [];

    public TaskCompletionSource FirstCommitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<TwinWrite, bool> IsPoison { get; set; } = _ => false;

    /// <summary>Makes the next commit wait until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate?.TrySetResult();

    public async Task CommitAsync(IReadOnlyList<TwinWrite> writes, CancellationToken cancellationToken)
    {
        FirstCommitStarted.TrySetResult();
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            _gate = null;
        }

        if (writes.Any(IsPoison))
        {
            throw new InvalidOperationException("poisoned write");
        }

        lock (_lock)
        {
            Commits.Add([.. writes]);
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ApiKeyRecord?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ApiKeyRecord?> GetApiKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<ApiKeyRecord>> ListApiKeysAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RevokeApiKeyAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReplacePlatformKeyAsync(PlatformKeyRecord key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PlatformKeyRecord?> FindPlatformKeyAsync(string keyId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ModelSaveOutcome> SaveModelAsync(StoredModel model, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredModel?> GetModelAsync(string tenantId, string modelId, int? version, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<StoredModel>> ListModelsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TwinRecord?> GetTwinAsync(string tenantId, string twinId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<TwinRecord>> ListTwinsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<TwinEvent> ReadEventsAsync(string tenantId, string twinId, EventRange range, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<RelationshipRecord>> ListRelationshipsAsync(string tenantId, string sourceId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
