using System.Security.Cryptography;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// One tenant's unwrapped data keys under its <see cref="KeyPolicy"/>: seals with the current
/// version, opens any version the policy allows. Immutable; a policy change builds a new ring
/// (the keys themselves are shared, so that costs no key setup). Thread-safe.
/// </summary>
public sealed class TenantKeyRing
{
    private readonly Dictionary<int, DataKey> _keys;
    private readonly DataKey _current;
    private readonly EnvelopeHeader _currentHeader;

    /// <param name="tenantId">The tenant; every context passed in must name it.</param>
    /// <param name="policy">Current and minimum decryption version.</param>
    /// <param name="keys">The keys by version: at least the current one; versions the policy refuses are ignored.</param>
    public TenantKeyRing(string tenantId, KeyPolicy policy, IReadOnlyDictionary<int, DataKey> keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(keys);
        TenantId = tenantId;
        Policy = policy;
        _keys = keys.Where(k => policy.AllowsDecryption(k.Key)).ToDictionary(k => k.Key, k => k.Value);
        _current = _keys.GetValueOrDefault(policy.CurrentVersion)
            ?? throw new ArgumentException($"The key of the current version {policy.CurrentVersion} is missing.", nameof(keys));
        _currentHeader = EnvelopeHeader.ForTenantKey(policy.CurrentVersion);
    }

    public string TenantId { get; }

    public KeyPolicy Policy { get; }

    /// <summary>The key new writes use; also the key that wraps new subject keys.</summary>
    public DataKey CurrentKey => _current;

    public int GetEnvelopeLength(int plaintextLength) => EnvelopeCipher.GetEnvelopeLength(_currentHeader, plaintextLength);

    public byte[] Encrypt(in RecordContext context, ReadOnlySpan<byte> plaintext)
    {
        CheckTenant(context);
        return EnvelopeCipher.Encrypt(_current, _currentHeader, context, plaintext);
    }

    public int Encrypt(in RecordContext context, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        CheckTenant(context);
        return EnvelopeCipher.Encrypt(_current, _currentHeader, context, plaintext, destination);
    }

    public byte[] Decrypt(in RecordContext context, ReadOnlySpan<byte> envelope)
    {
        var plaintext = new byte[EnvelopeCipher.GetPlaintextLength(envelope)];
        Decrypt(context, envelope, plaintext);
        return plaintext;
    }

    /// <summary>
    /// Throws <see cref="KeyVersionRetiredException"/> for a version below the minimum, and
    /// <see cref="CryptographicException"/> for an envelope that does not belong to this context.
    /// </summary>
    public int Decrypt(in RecordContext context, ReadOnlySpan<byte> envelope, Span<byte> destination)
    {
        CheckTenant(context);
        if (!EnvelopeHeader.TryRead(envelope, out var header, out _))
        {
            throw new CryptographicException("Not an envelope of a known format.");
        }

        if (header.Kind != KeyKind.Tenant)
        {
            throw new CryptographicException("The envelope is sealed with a subject key, not a tenant key.");
        }

        return EnvelopeCipher.Decrypt(GetDecryptionKey(header.KeyVersion), envelope, context, destination);
    }

    /// <summary>The key of <paramref name="version"/> if the policy lets it decrypt.</summary>
    public DataKey GetDecryptionKey(int version)
    {
        if (version < Policy.MinimumDecryptionVersion)
        {
            throw new KeyVersionRetiredException(TenantId, version, Policy.MinimumDecryptionVersion);
        }

        return _keys.GetValueOrDefault(version)
            ?? throw new CryptographicException($"Tenant '{TenantId}' has no key version {version} (current is {Policy.CurrentVersion}).");
    }

    private void CheckTenant(in RecordContext context)
    {
        if (!string.Equals(context.TenantId, TenantId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The record belongs to tenant '{context.TenantId}', not '{TenantId}'.", nameof(context));
        }
    }
}
