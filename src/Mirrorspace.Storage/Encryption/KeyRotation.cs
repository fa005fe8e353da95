using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// Key administration in the style of Vault's transit engine: rotate a tenant's data key (the new
/// version is current at once), raise or lower its minimum decryption version, rewrap stored
/// records to the current version, and rotate the master key.
/// </summary>
public sealed partial class KeyRotation
{
    private readonly KeyRing _keys;
    private readonly IKeyStore _store;
    private readonly IRewrapSource _records;
    private readonly TimeProvider _timeProvider;

    public KeyRotation(KeyRing keys, IKeyStore store, IRewrapSource records, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _keys = keys;
        _store = store;
        _records = records;
        _timeProvider = timeProvider;
    }

    /// <summary>Rows per rewrap transaction.</summary>
    public int RewrapBatchSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 500;

    /// <summary>Creates the next data key version of the tenant and makes it current; returns it.</summary>
    public Task<int> RotateTenantKeyAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return _keys.RotateTenantKeyAsync(tenantId, cancellationToken);
    }

    /// <summary>The tenant's policy and what uses each version; null for a tenant without keys.</summary>
    public async Task<KeyVersionUsage?> GetUsageAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var policy = await _store.GetPolicyAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            return null;
        }

        var records = await _records.CountByKeyVersionAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var subjects = await _store.CountSubjectKeysByVersionAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return new KeyVersionUsage(tenantId, policy, records, subjects);
    }

    /// <summary>
    /// Versions below <paramref name="version"/> refuse to decrypt from now on. Raising it is refused
    /// while stored values or subject keys still use a lower version, unless <paramref name="force"/>
    /// (they become unreadable until the minimum is lowered again). Lowering it is always allowed:
    /// the old keys are kept.
    /// </summary>
    public async Task<MinimumVersionChange> SetMinimumDecryptionVersionAsync(
        string tenantId,
        int version,
        bool force,
        CancellationToken cancellationToken)
    {
        var usage = await GetUsageAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (usage is null)
        {
            return new MinimumVersionChange(MinimumVersionOutcome.UnknownTenant, null, 0);
        }

        var policy = usage.Policy;
        if (version < 1 || version > policy.CurrentVersion)
        {
            return new MinimumVersionChange(MinimumVersionOutcome.InvalidVersion, policy, 0);
        }

        var inUse = version > policy.MinimumDecryptionVersion ? usage.CountBelow(version) : 0;
        if (inUse > 0 && !force)
        {
            return new MinimumVersionChange(MinimumVersionOutcome.RefusedInUse, policy, inUse);
        }

        if (!await _store.SetMinimumDecryptionVersionAsync(tenantId, version, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return new MinimumVersionChange(MinimumVersionOutcome.InvalidVersion, policy, inUse);
        }

        _keys.Forget(tenantId);
        return new MinimumVersionChange(MinimumVersionOutcome.Applied, new KeyPolicy(policy.CurrentVersion, version), inUse);
    }

    /// <summary>
    /// Rewraps every data key and the key check value under <paramref name="next"/> in one
    /// transaction; the key ring takes ownership of it. Store <paramref name="next"/> where the node
    /// finds it before the next start (or use <see cref="RotateMasterKeyFileAsync"/>).
    /// </summary>
    public Task RotateMasterKeyAsync(MasterKey next, CancellationToken cancellationToken) => _keys.RotateMasterKeyAsync(next, cancellationToken);

    /// <summary>
    /// Rotates a file-held master key crash-safely: the new key is written to
    /// <see cref="MasterKeyFile.PendingPath"/> first, the database is rewrapped under it, then it
    /// replaces the key file by rename. Interrupted after the rewrap, the next start (or the next
    /// call) finds the pending file matching the database and completes the rename.
    /// </summary>
    public async Task RotateMasterKeyFileAsync(string keyFilePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFilePath);
        var pending = MasterKeyFile.PendingPath(keyFilePath);
        if (File.Exists(pending))
        {
            // Left by an interrupted rotation: finish it if the database moved to it, else it never took effect.
            if (await PendingKeyMatchesAsync(pending, cancellationToken).ConfigureAwait(false))
            {
                await _keys.AdoptMasterKeyAsync(MasterKeyFile.Read(pending), cancellationToken).ConfigureAwait(false);
                File.Move(pending, keyFilePath, overwrite: true);
                return;
            }

            File.Delete(pending);
        }

        var next = MasterKeyFile.CreateNew(pending);
        try
        {
            await _keys.RotateMasterKeyAsync(next, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            next.Dispose();
            if (!await PendingKeyMatchesAsync(pending, CancellationToken.None).ConfigureAwait(false))
            {
                File.Delete(pending);
            }

            throw;
        }

        File.Move(pending, keyFilePath, overwrite: true);
    }

    private async Task<bool> PendingKeyMatchesAsync(string pendingPath, CancellationToken cancellationToken)
    {
        var check = await _store.GetKeyCheckValueAsync(cancellationToken).ConfigureAwait(false);
        using var candidate = MasterKeyFile.Read(pendingPath);
        return check is not null && KeyCheckValue.Verify(candidate, check);
    }
}
