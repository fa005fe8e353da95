using System.Collections.Concurrent;
using Mirrorspace.Domain.Access;
using Mirrorspace.Storage.Access;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// Each tenant's access policy, read once and kept until it changes: every authorized request needs it,
/// and it changes only through <see cref="SaveAsync"/> on this node.
/// </summary>
internal sealed class TenantAccessPolicies(IAccessPolicyStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Task<VersionedPolicy>> _cache = new(StringComparer.Ordinal);

    public async Task<VersionedPolicy> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var loading = _cache.GetOrAdd(tenantId, id => LoadAsync(id, CancellationToken.None));
        try
        {
            return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (loading.IsFaulted)
        {
            // A failed read is not remembered: the next request reads again.
            _cache.TryRemove(new KeyValuePair<string, Task<VersionedPolicy>>(tenantId, loading));
            throw;
        }
    }

    /// <summary>Stores a validated policy when <paramref name="expectedVersion"/> is still the stored one; returns the new version, or null on a conflict.</summary>
    public async Task<long?> SaveAsync(string tenantId, string document, long expectedVersion, CancellationToken cancellationToken)
    {
        var version = await store.SaveAsync(tenantId, document, expectedVersion, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _cache.TryRemove(tenantId, out _);
        return version;
    }

    private async Task<VersionedPolicy> LoadAsync(string tenantId, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new VersionedPolicy(0, AccessPolicy.Empty, null);
        }

        var parsed = AccessPolicyParser.ParseJson(stored.Document);
        return parsed.Policy is { } policy
            ? new VersionedPolicy(stored.Version, policy, stored.Document)
            : throw new InvalidOperationException($"The stored access policy of tenant {tenantId} no longer parses: {string.Join("; ", parsed.Errors)}");
    }
}

/// <summary>A tenant's policy, its stored version (0: never set) and the document as its admins wrote it.</summary>
internal sealed record VersionedPolicy(long Version, AccessPolicy Policy, string? Document);
