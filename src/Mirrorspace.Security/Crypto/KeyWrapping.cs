using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// Wraps keys under keys with AES-256-GCM: tenant data keys under the master key, subject keys
/// under a tenant data key. A wrapped key is <c>format (1) ‖ nonce (12) ‖ key (32) ‖ tag (16)</c>;
/// the associated data names what the key is and whose it is, so a wrapped key moved to another
/// tenant, version or subject fails to unwrap.
/// </summary>
public static class KeyWrapping
{
    public const int WrappedLength = 1 + EnvelopeCipher.NonceSize + DataKey.SizeInBytes + EnvelopeCipher.TagSize;

    private const byte Format = 1;

    public static byte[] WrapDataKey(MasterKey masterKey, DataKey dataKey, string tenantId, int version)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        ArgumentNullException.ThrowIfNull(dataKey);
        return Wrap(masterKey.KeyEncryptionKey, dataKey.Material, DataKeyContext(tenantId, version));
    }

    /// <summary>Throws <see cref="CryptographicException"/> when the master key or the tenant and version do not match.</summary>
    public static DataKey UnwrapDataKey(MasterKey masterKey, ReadOnlySpan<byte> wrapped, string tenantId, int version)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        return Unwrap(
            masterKey.KeyEncryptionKey,
            wrapped,
            DataKeyContext(tenantId, version),
            $"The data key of tenant '{tenantId}' version {version} does not open with this master key: the key is wrong or the row was altered.");
    }

    public static byte[] WrapSubjectKey(DataKey tenantKey, int tenantKeyVersion, DataKey subjectKey, string tenantId, string subjectId)
    {
        ArgumentNullException.ThrowIfNull(tenantKey);
        ArgumentNullException.ThrowIfNull(subjectKey);
        return Wrap(tenantKey, subjectKey.Material, SubjectKeyContext(tenantId, subjectId, tenantKeyVersion));
    }

    public static DataKey UnwrapSubjectKey(DataKey tenantKey, int tenantKeyVersion, ReadOnlySpan<byte> wrapped, string tenantId, string subjectId)
    {
        ArgumentNullException.ThrowIfNull(tenantKey);
        return Unwrap(
            tenantKey,
            wrapped,
            SubjectKeyContext(tenantId, subjectId, tenantKeyVersion),
            $"The key of subject '{subjectId}' of tenant '{tenantId}' does not open: the row was altered.");
    }

    internal static byte[] Wrap(DataKey wrappingKey, ReadOnlySpan<byte> material, ReadOnlySpan<byte> associatedData)
    {
        var wrapped = new byte[WrappedLength];
        wrapped[0] = Format;
        var nonce = wrapped.AsSpan(1, EnvelopeCipher.NonceSize);
        Nonces.Fill(nonce);
        wrappingKey.Seal(
            nonce,
            material,
            wrapped.AsSpan(1 + EnvelopeCipher.NonceSize, DataKey.SizeInBytes),
            wrapped.AsSpan(WrappedLength - EnvelopeCipher.TagSize),
            associatedData);
        return wrapped;
    }

    internal static bool TryUnwrap(DataKey wrappingKey, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData, Span<byte> material)
    {
        if (wrapped.Length != WrappedLength || wrapped[0] != Format)
        {
            return false;
        }

        try
        {
            wrappingKey.Open(
                wrapped.Slice(1, EnvelopeCipher.NonceSize),
                wrapped.Slice(1 + EnvelopeCipher.NonceSize, DataKey.SizeInBytes),
                wrapped[^EnvelopeCipher.TagSize..],
                material,
                associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private static DataKey Unwrap(DataKey wrappingKey, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData, string failure)
    {
        Span<byte> material = stackalloc byte[DataKey.SizeInBytes];
        try
        {
            return TryUnwrap(wrappingKey, wrapped, associatedData, material)
                ? DataKey.FromBytes(material)
                : throw new CryptographicException(failure);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private static byte[] DataKeyContext(string tenantId, int version)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var ad = new byte[LengthPrefixed.SizeOf("mirrorspace/dek") + LengthPrefixed.SizeOf(tenantId) + sizeof(int)];
        var written = LengthPrefixed.Write(ad, "mirrorspace/dek");
        written += LengthPrefixed.Write(ad.AsSpan(written), tenantId);
        BinaryPrimitives.WriteInt32BigEndian(ad.AsSpan(written), version);
        return ad;
    }

    private static byte[] SubjectKeyContext(string tenantId, string subjectId, int tenantKeyVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(tenantKeyVersion, 1);
        var ad = new byte[
            LengthPrefixed.SizeOf("mirrorspace/subject-key") + LengthPrefixed.SizeOf(tenantId) + LengthPrefixed.SizeOf(subjectId) + sizeof(int)];
        var written = LengthPrefixed.Write(ad, "mirrorspace/subject-key");
        written += LengthPrefixed.Write(ad.AsSpan(written), tenantId);
        written += LengthPrefixed.Write(ad.AsSpan(written), subjectId);
        BinaryPrimitives.WriteInt32BigEndian(ad.AsSpan(written), tenantKeyVersion);
        return ad;
    }
}
