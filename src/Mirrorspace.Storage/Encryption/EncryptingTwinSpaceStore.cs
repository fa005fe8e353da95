using System.Runtime.CompilerServices;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// Encryption at rest for any <see cref="ITwinSpaceStore"/>: every value that may reveal something
/// (event payloads and sources, snapshots, model documents, tenant names, API key descriptions) is
/// sealed with the tenant's current data key before it reaches the inner store, as text in the same
/// string field, and opened on the way out. Identifiers, versions, times, roles and secret hashes
/// stay clear: the inner store looks rows up and orders them by those. There is no fallback: a value
/// that cannot be sealed fails the call, and a stored value that is not sealed fails the read.
/// Disposing the decorator disposes the inner store.
/// </summary>
public sealed partial class EncryptingTwinSpaceStore : ITwinSpaceStore, IAsyncDisposable
{
    private readonly ITwinSpaceStore _inner;
    private readonly KeyRing _keys;

    public EncryptingTwinSpaceStore(ITwinSpaceStore inner, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(keys);
        _inner = inner;
        _keys = keys;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public async Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var name = await SealAsync(tenant.Id, EncryptedColumn.TenantName, tenant.Id, 0, tenant.Name, cancellationToken).ConfigureAwait(false);
        return await _inner.CreateTenantAsync(tenant with { Name = name }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TenantRecord?> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await _inner.GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return tenant is null ? null : await OpenAsync(tenant, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        var tenants = await _inner.ListTenantsAsync(cancellationToken).ConfigureAwait(false);
        var opened = new List<TenantRecord>(tenants.Count);
        foreach (var tenant in tenants)
        {
            opened.Add(await OpenAsync(tenant, cancellationToken).ConfigureAwait(false));
        }

        return opened;
    }

    public async Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var description = key.Description is null
            ? null
            : await SealAsync(key.TenantId, EncryptedColumn.ApiKeyDescription, key.KeyId, 0, key.Description, cancellationToken).ConfigureAwait(false);
        await _inner.CreateApiKeyAsync(key with { Description = description }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRecord?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await _inner.FindApiKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        return key is null ? null : await OpenAsync(key, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRecord?> GetApiKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        var key = await _inner.GetApiKeyAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
        return key is null ? null : await OpenAsync(key, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<ApiKeyRecord>> ListApiKeysAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        var keys = await _inner.ListApiKeysAsync(tenantId, page, cancellationToken).ConfigureAwait(false);
        var opened = new List<ApiKeyRecord>(keys.Items.Count);
        foreach (var key in keys.Items)
        {
            opened.Add(await OpenAsync(key, cancellationToken).ConfigureAwait(false));
        }

        return new Page<ApiKeyRecord>(opened, keys.NextAfter);
    }

    public Task<bool> RevokeApiKeyAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        _inner.RevokeApiKeyAsync(tenantId, keyId, revokedAt, cancellationToken);

    /// <summary>Nothing to seal: a platform key is an id, a hash and times.</summary>
    public Task ReplacePlatformKeyAsync(PlatformKeyRecord key, CancellationToken cancellationToken) =>
        _inner.ReplacePlatformKeyAsync(key, cancellationToken);

    public Task<PlatformKeyRecord?> FindPlatformKeyAsync(string keyId, CancellationToken cancellationToken) =>
        _inner.FindPlatformKeyAsync(keyId, cancellationToken);

    public async Task<ModelSaveOutcome> SaveModelAsync(StoredModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var document = await SealAsync(model.TenantId, EncryptedColumn.ModelDocument, model.ModelId, model.Version, model.Document, cancellationToken)
            .ConfigureAwait(false);
        var outcome = await _inner.SaveModelAsync(model with { Document = document }, cancellationToken).ConfigureAwait(false);
        if (outcome != ModelSaveOutcome.VersionConflict)
        {
            return outcome;
        }

        // Sealing is randomized, so the inner store compares two different ciphertexts of what may be
        // the same document: compare the plaintexts to tell an idempotent retry from a conflict.
        var existing = await GetModelAsync(model.TenantId, model.ModelId, model.Version, cancellationToken).ConfigureAwait(false);
        return string.Equals(existing?.Document, model.Document, StringComparison.Ordinal) ? ModelSaveOutcome.Unchanged : outcome;
    }

    public async Task<StoredModel?> GetModelAsync(string tenantId, string modelId, int? version, CancellationToken cancellationToken)
    {
        var model = await _inner.GetModelAsync(tenantId, modelId, version, cancellationToken).ConfigureAwait(false);
        return model is null ? null : await OpenAsync(model, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<StoredModel>> ListModelsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        var models = await _inner.ListModelsAsync(tenantId, page, cancellationToken).ConfigureAwait(false);
        var opened = new List<StoredModel>(models.Items.Count);
        foreach (var model in models.Items)
        {
            opened.Add(await OpenAsync(model, cancellationToken).ConfigureAwait(false));
        }

        return new Page<StoredModel>(opened, models.NextAfter);
    }

    public async Task<TwinRecord?> GetTwinAsync(string tenantId, string twinId, CancellationToken cancellationToken)
    {
        var twin = await _inner.GetTwinAsync(tenantId, twinId, cancellationToken).ConfigureAwait(false);
        return twin is null ? null : await OpenAsync(twin, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<TwinRecord>> ListTwinsAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        var twins = await _inner.ListTwinsAsync(tenantId, page, cancellationToken).ConfigureAwait(false);
        var opened = new List<TwinRecord>(twins.Items.Count);
        foreach (var twin in twins.Items)
        {
            opened.Add(await OpenAsync(twin, cancellationToken).ConfigureAwait(false));
        }

        return new Page<TwinRecord>(opened, twins.NextAfter);
    }

    public IAsyncEnumerable<TwinEvent> ReadEventsAsync(string tenantId, string twinId, EventRange range, CancellationToken cancellationToken)
    {
        // The inner call checks the arguments now, not on the first MoveNext.
        var events = _inner.ReadEventsAsync(tenantId, twinId, range, cancellationToken);
        return OpenEventsAsync(events, tenantId, twinId, cancellationToken);
    }

    public Task<IReadOnlyList<RelationshipRecord>> ListRelationshipsAsync(string tenantId, string sourceId, CancellationToken cancellationToken) =>
        _inner.ListRelationshipsAsync(tenantId, sourceId, cancellationToken);

    public async Task CommitAsync(IReadOnlyList<TwinWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var sealedWrites = new TwinWrite[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            sealedWrites[i] = await SealAsync(writes[i], cancellationToken).ConfigureAwait(false);
        }

        await _inner.CommitAsync(sealedWrites, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        switch (_inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private async IAsyncEnumerable<TwinEvent> OpenEventsAsync(
        IAsyncEnumerable<TwinEvent> events,
        string tenantId,
        string twinId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var twinEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return await OpenAsync(tenantId, twinId, twinEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
