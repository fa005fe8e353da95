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
