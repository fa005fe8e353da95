using System.Collections.Concurrent;
using Mirrorspace.Domain.Models;
using Mirrorspace.Storage;

namespace Mirrorspace.Runtime.Models;

/// <summary>
/// Parsed model versions, cached: a published model version never changes, so a cached entry
/// never goes stale and the hot path parses no documents.
/// </summary>
public sealed class ModelCatalog(ITwinSpaceStore store)
{
    private readonly ConcurrentDictionary<(string Tenant, string Model, int Version), TwinModel> _cache = new();

    public async Task<TwinModel?> GetAsync(string tenantId, string modelId, int? version, CancellationToken cancellationToken)
    {
        if (version is { } v && _cache.TryGetValue((tenantId, modelId, v), out var cached))
        {
            return cached;
        }

        var stored = await store.GetModelAsync(tenantId, modelId, version, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var parsed = ModelDocumentParser.ParseJson(stored.Document);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException($"Stored model {modelId} v{stored.Version} of tenant {tenantId} no longer parses.");
        }

        return _cache.GetOrAdd((tenantId, modelId, stored.Version), parsed.Model);
    }
}
