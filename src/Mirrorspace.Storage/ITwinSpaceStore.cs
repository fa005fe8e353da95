using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage;

/// <summary>
/// Durable storage of one twin space. Every call that touches tenant data takes the tenant id
/// and only ever sees that tenant's rows. Timestamps round-trip exactly (UTC ticks).
/// </summary>
public interface ITwinSpaceStore
{
    /// <summary>Creates or migrates the schema. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Returns false when a tenant with that id already exists.</summary>
    Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken);

    Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Platform-administration surface only (CLI); never reachable through a tenant's API.</summary>
    Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken);

    Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Looks a key up by its public id; the key, not the caller, names the tenant.</summary>
    Task<ApiKeyRecord?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>One of the tenant's keys; null for another tenant's key exactly as for an absent one.</summary>
    Task<ApiKeyRecord?> GetApiKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken);

    /// <summary>The tenant's keys, revoked and expired ones included, ordered by key id.</summary>
    Task<Page<ApiKeyRecord>> ListApiKeysAsync(string tenantId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the tenant's key revoked at <paramref name="revokedAt"/> (a key revoked before keeps its first
    /// time); false when the tenant has no such key.
    /// </summary>
    Task<bool> RevokeApiKeyAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>Stores a new platform administrator key and revokes every earlier one: the platform has one live key at a time.</summary>
    Task ReplacePlatformKeyAsync(PlatformKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Looks a platform administrator key up by its public id.</summary>
    Task<PlatformKeyRecord?> FindPlatformKeyAsync(string keyId, CancellationToken cancellationToken);

    Task<ModelSaveOutcome> SaveModelAsync(StoredModel model, CancellationToken cancellationToken);

    /// <summary>A given version, or the latest when <paramref name="version"/> is null.</summary>
    Task<StoredModel?> GetModelAsync(string tenantId, string modelId, int? version, CancellationToken cancellationToken);

    /// <summary>The latest version of each model, ordered by model id.</summary>
    Task<Page<StoredModel>> ListModelsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The registry row and snapshot, also for deleted twins (their version must carry on).</summary>
    Task<TwinRecord?> GetTwinAsync(string tenantId, string twinId, CancellationToken cancellationToken);

    /// <summary>Twins that are not deleted, ordered by twin id.</summary>
    Task<Page<TwinRecord>> ListTwinsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken);

    IAsyncEnumerable<Mirrorspace.Domain.Twins.TwinEvent> ReadEventsAsync(
        string tenantId,
        string twinId,
        EventRange range,
        CancellationToken cancellationToken);

    /// <summary>Outgoing relationships of a twin, ordered by name then target.</summary>
    Task<IReadOnlyList<RelationshipRecord>> ListRelationshipsAsync(string tenantId, string sourceId, CancellationToken cancellationToken);

    /// <summary>Applies the writes in order in one transaction: all or nothing.</summary>
    Task CommitAsync(IReadOnlyList<TwinWrite> writes, CancellationToken cancellationToken);
}
