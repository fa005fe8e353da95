using System.Collections.Concurrent;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// The keys of every tenant, unwrapped on first use and cached: a <see cref="TenantKeyRing"/> per
/// tenant (its data key versions under its policy) and the keys of data subjects. The hot path —
/// a cached tenant — takes no lock and allocates nothing. Loading, creating and rotating keys, and
/// everything that uses the master key, run one at a time. Owns the master key it is given.
/// </summary>
/// <remarks>
/// The cache trusts that key administration (rotation, minimum version, erasure) runs through this
/// instance: a second process changing keys under a running node is not seen until restart.
/// </remarks>
public sealed partial class KeyRing : IDisposable
{
    private readonly IKeyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentDictionary<string, TenantKeyRing> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string TenantId, int Version), DataKey> _dataKeys = new();
    private MasterKey _masterKey;

    public KeyRing(IKeyStore store, MasterKey masterKey, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(masterKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _masterKey = masterKey;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The tenant's ring, creating data key version 1 for a tenant that has none. Pass the key
    /// version of a value about to be opened as <paramref name="atLeastVersion"/>: a cached ring
    /// older than that value (a rotation since) is reloaded.
    /// </summary>
    public ValueTask<TenantKeyRing> GetTenantAsync(string tenantId, int atLeastVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return _tenants.TryGetValue(tenantId, out var ring) && ring.Policy.CurrentVersion >= atLeastVersion
            ? ValueTask.FromResult(ring)
            : new ValueTask<TenantKeyRing>(LoadTenantAsync(tenantId, atLeastVersion, cancellationToken));
    }

    public void Dispose()
    {
        foreach (var key in _dataKeys.Values)
        {
            key.Dispose();
        }

        foreach (var entry in _subjects.Values)
        {
            entry.Key?.Dispose();
        }

        _masterKey.Dispose();
        _lock.Dispose();
    }

    /// <summary>Drops the cached ring after a policy change; the next use reloads it.</summary>
    internal void Forget(string tenantId) => _tenants.TryRemove(tenantId, out _);

    /// <summary>Adds the next data key version and makes it current at once.</summary>
    internal async Task<int> RotateTenantKeyAsync(string tenantId, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var policy = await _store.GetPolicyAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (policy is null)
            {
                await CreateFirstKeyLockedAsync(tenantId, cancellationToken).ConfigureAwait(false);
                return 1;
            }

            var next = policy.CurrentVersion + 1;
            var key = DataKey.Generate();
            var wrapped = new WrappedDataKey
            {
                TenantId = tenantId,
                Version = next,
                WrappedKey = KeyWrapping.WrapDataKey(_masterKey, key, tenantId, next),
                CreatedAt = _timeProvider.GetUtcNow(),
            };
            if (!await _store.TryAddDataKeyVersionAsync(wrapped, policy.CurrentVersion, cancellationToken).ConfigureAwait(false))
            {
                key.Dispose();
                throw new InvalidOperationException($"The keys of tenant '{tenantId}' changed during the rotation; retry it.");
            }

            _dataKeys[(tenantId, next)] = key;
            Forget(tenantId);
            return next;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Rewraps every data key and the key check value under <paramref name="next"/> in one
    /// transaction, then uses it from now on (and disposes the old master key).
    /// </summary>
    internal async Task RotateMasterKeyAsync(MasterKey next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var check = await _store.GetKeyCheckValueAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The database has no key check value; open it through EncryptionAtRest first.");
            if (!KeyCheckValue.Verify(_masterKey, check))
            {
                throw new MasterKeyMismatchException("The current master key does not match the database; refusing to rotate.");
            }

            var all = await _store.GetAllDataKeysAsync(cancellationToken).ConfigureAwait(false);
            var rewrapped = all.Select(wrapped =>
            {
                using var key = KeyWrapping.UnwrapDataKey(_masterKey, wrapped.WrappedKey, wrapped.TenantId, wrapped.Version);
                return wrapped with { WrappedKey = KeyWrapping.WrapDataKey(next, key, wrapped.TenantId, wrapped.Version) };
            }).ToList();
            if (!await _store.ReplaceMasterKeyWrappingAsync(rewrapped, check, KeyCheckValue.Create(next), cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The data keys changed during the master key rotation; nothing was changed, retry it.");
            }

            var old = _masterKey;
            _masterKey = next;
            old.Dispose();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Switches to a master key the database is already wrapped under (an interrupted rotation finished elsewhere).</summary>
    internal async Task AdoptMasterKeyAsync(MasterKey masterKey, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var check = await _store.GetKeyCheckValueAsync(cancellationToken).ConfigureAwait(false);
            if (check is null || !KeyCheckValue.Verify(masterKey, check))
            {
                masterKey.Dispose();
                throw new MasterKeyMismatchException("The pending master key does not match the database.");
            }

            var old = _masterKey;
            _masterKey = masterKey;
            old.Dispose();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<TenantKeyRing> LoadTenantAsync(string tenantId, int atLeastVersion, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tenants.TryGetValue(tenantId, out var cached) && cached.Policy.CurrentVersion >= atLeastVersion)
            {
                return cached;
            }

            return await LoadTenantLockedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<TenantKeyRing> LoadTenantLockedAsync(string tenantId, CancellationToken cancellationToken)
    {
        var policy = await _store.GetPolicyAsync(tenantId, cancellationToken).ConfigureAwait(false)
            ?? await CreateFirstKeyLockedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var wrapped = await _store.GetDataKeysAsync(tenantId, policy.MinimumDecryptionVersion, cancellationToken).ConfigureAwait(false);
        var keys = new Dictionary<int, DataKey>();
        foreach (var version in wrapped.Where(w => w.Version <= policy.CurrentVersion))
        {
            // Keys outlive policy changes: a reload after a rotation unwraps only the new version.
            keys[version.Version] = _dataKeys.GetOrAdd(
                (tenantId, version.Version),
                static (id, state) => KeyWrapping.UnwrapDataKey(state.Master, state.Wrapped, id.TenantId, id.Version),
                (Master: _masterKey, Wrapped: version.WrappedKey));
        }

        var ring = new TenantKeyRing(tenantId, policy, keys);
        _tenants[tenantId] = ring;
        return ring;
    }

    private async Task<KeyPolicy> CreateFirstKeyLockedAsync(string tenantId, CancellationToken cancellationToken)
    {
        var key = DataKey.Generate();
        var wrapped = new WrappedDataKey
        {
            TenantId = tenantId,
            Version = 1,
            WrappedKey = KeyWrapping.WrapDataKey(_masterKey, key, tenantId, 1),
            CreatedAt = _timeProvider.GetUtcNow(),
        };
        if (await _store.TryCreateFirstDataKeyAsync(wrapped, cancellationToken).ConfigureAwait(false))
        {
            _dataKeys[(tenantId, 1)] = key;
        }
        else
        {
            key.Dispose();
        }

        return await _store.GetPolicyAsync(tenantId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The key policy of tenant '{tenantId}' is missing right after its first key was stored.");
    }
}
