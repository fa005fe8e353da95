using System.Collections.Concurrent;
using System.Security.Cryptography;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Encryption;

/// <summary>Per-data-subject keys: created on first use, wrapped by the tenant's current data key, erasable one by one.</summary>
public sealed partial class KeyRing
{
    private readonly ConcurrentDictionary<(string TenantId, string SubjectId), SubjectKeyEntry> _subjects = new();

    /// <summary>
    /// Seals a value of a data subject (a <c>personal</c> or <c>health</c> value) with the subject's
    /// own key. Throws <see cref="SubjectErasedException"/> once the subject is erased: nothing new
    /// is stored for an erased subject.
    /// </summary>
    public async Task<byte[]> EncryptForSubjectAsync(
        RecordContext context,
        string subjectId,
        ReadOnlyMemory<byte> plaintext,
        CancellationToken cancellationToken)
    {
        var header = EnvelopeHeader.ForSubjectKey(subjectId);
        var entry = await GetSubjectAsync(context.TenantId, subjectId, create: true, cancellationToken).ConfigureAwait(false);
        var key = entry?.Key ?? throw new SubjectErasedException(context.TenantId, subjectId);
        return EnvelopeCipher.Encrypt(key, header, context, plaintext.Span);
    }

    /// <summary>
    /// Opens an envelope sealed with a tenant key or a subject key. A subject's erased key gives
    /// <see cref="DecryptionResult.Erased"/>; a damaged or foreign envelope, or a subject that never
    /// had a key, throws <see cref="CryptographicException"/>.
    /// </summary>
    public async Task<DecryptionResult> DecryptAsync(RecordContext context, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken)
    {
        if (!EnvelopeHeader.TryRead(envelope.Span, out var header, out _))
        {
            throw new CryptographicException("Not an envelope of a known format.");
        }

        if (header.Kind == KeyKind.Tenant)
        {
            var ring = await GetTenantAsync(context.TenantId, header.KeyVersion, cancellationToken).ConfigureAwait(false);
            return DecryptionResult.Decrypted(ring.Decrypt(context, envelope.Span));
        }

        var subjectId = header.SubjectId!;
        var entry = await GetSubjectAsync(context.TenantId, subjectId, create: false, cancellationToken).ConfigureAwait(false)
            ?? throw new CryptographicException($"Subject '{subjectId}' of tenant '{context.TenantId}' never had a key.");
        return entry.Key is { } key
            ? DecryptionResult.Decrypted(EnvelopeCipher.Decrypt(key, envelope.Span, context))
            : DecryptionResult.Erased(subjectId);
    }

    /// <summary>
    /// Crypto-shreds a data subject: destroys the wrapped key and leaves a tombstone. Every value
    /// sealed for the subject reads as erased from now on. False when already erased.
    /// </summary>
    public async Task<bool> EraseSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var erased = await _store.EraseSubjectKeyAsync(tenantId, subjectId, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);

            // The unwrapped key is dropped, not disposed: a read that already holds it may finish.
            _subjects[(tenantId, subjectId)] = SubjectKeyEntry.Erased;
            return erased;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Crypto-shreds a whole tenant: its keys and rows are gone, and so is every cached key of it.</summary>
    public async Task<bool> EraseTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var erased = await _store.EraseTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
            Forget(tenantId);
            foreach (var key in _dataKeys.Keys.Where(k => k.TenantId == tenantId))
            {
                _dataKeys.TryRemove(key, out _);
            }

            foreach (var key in _subjects.Keys.Where(k => k.Item1 == tenantId))
            {
                _subjects.TryRemove(key, out _);
            }

            return erased;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async ValueTask<SubjectKeyEntry?> GetSubjectAsync(string tenantId, string subjectId, bool create, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (_subjects.TryGetValue((tenantId, subjectId), out var cached))
        {
            return cached;
        }

        // Loads and erasures of subject keys take the same lock, so an erased key is never cached back.
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_subjects.TryGetValue((tenantId, subjectId), out cached))
            {
                return cached;
            }

            var record = await _store.GetSubjectKeyAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                if (!create)
                {
                    return null;
                }

                record = await CreateSubjectKeyLockedAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
            }

            var entry = record.IsErased ? SubjectKeyEntry.Erased : new SubjectKeyEntry(await UnwrapLockedAsync(record, cancellationToken).ConfigureAwait(false));
            _subjects[(tenantId, subjectId)] = entry;
            return entry;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<SubjectKeyRecord> CreateSubjectKeyLockedAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        var ring = await CurrentRingLockedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var key = DataKey.Generate();
        var record = new SubjectKeyRecord
        {
            TenantId = tenantId,
            SubjectId = subjectId,
            TenantKeyVersion = ring.Policy.CurrentVersion,
            WrappedKey = KeyWrapping.WrapSubjectKey(ring.CurrentKey, ring.Policy.CurrentVersion, key, tenantId, subjectId),
            CreatedAt = _timeProvider.GetUtcNow(),
        };
        return await _store.TryCreateSubjectKeyAsync(record, cancellationToken).ConfigureAwait(false)
            ? record
            : await _store.GetSubjectKeyAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The key of subject '{subjectId}' vanished while it was being created.");
    }

    private async Task<DataKey> UnwrapLockedAsync(SubjectKeyRecord record, CancellationToken cancellationToken)
    {
        var version = record.TenantKeyVersion ?? throw new CryptographicException($"Subject '{record.SubjectId}' has a key without a wrapping version.");
        var ring = await CurrentRingLockedAsync(record.TenantId, cancellationToken).ConfigureAwait(false);
        if (ring.Policy.CurrentVersion < version)
        {
            ring = await LoadTenantLockedAsync(record.TenantId, cancellationToken).ConfigureAwait(false);
        }

        return KeyWrapping.UnwrapSubjectKey(ring.GetDecryptionKey(version), version, record.WrappedKey!, record.TenantId, record.SubjectId);
    }

    private async Task<TenantKeyRing> CurrentRingLockedAsync(string tenantId, CancellationToken cancellationToken) =>
        _tenants.TryGetValue(tenantId, out var ring) ? ring : await LoadTenantLockedAsync(tenantId, cancellationToken).ConfigureAwait(false);

    /// <summary>A subject's unwrapped key, or (null) the fact that it was erased.</summary>
    private sealed record SubjectKeyEntry(DataKey? Key)
    {
        public static readonly SubjectKeyEntry Erased = new((DataKey?)null);
    }
}
