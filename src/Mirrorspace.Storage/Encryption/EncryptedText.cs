using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// An envelope as text, so it fits the string columns of any store unchanged: <c>enc:</c> followed
/// by the envelope in base64. A tenant-key envelope starts with a 6-byte header, exactly 8 base64
/// characters, so the key version of a stored value can be read (even in SQL) from its first 12
/// characters without decoding the rest.
/// </summary>
public static class EncryptedText
{
    public const string Prefix = "enc:";

    /// <summary>The prefix and the base64 of a tenant-key header.</summary>
    public const int TenantHeadLength = 12;

    public static bool IsEncrypted(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The tenant key version from the head of a stored value; false when it is not a tenant-key envelope.</summary>
    public static bool TryGetTenantKeyVersion(ReadOnlySpan<char> stored, out int version)
    {
        version = 0;
        if (stored.Length < TenantHeadLength || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> header = stackalloc byte[EnvelopeHeader.TenantHeaderLength];
        if (!Convert.TryFromBase64Chars(stored[Prefix.Length..TenantHeadLength], header, out var written)
            || written != header.Length
            || !EnvelopeHeader.TryRead(header, out var parsed, out _)
            || parsed.Kind != KeyKind.Tenant)
        {
            return false;
        }

        version = parsed.KeyVersion;
        return true;
    }

    public static string Encrypt(TenantKeyRing ring, in RecordContext context, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(plaintext);
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(plaintext.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(plaintext, utf8);
            return Seal(ring, context, utf8.AsSpan(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>The stored text of an envelope sealed elsewhere (a subject key's).</summary>
    public static string FromEnvelope(byte[] envelope) => Prefix + Convert.ToBase64String(envelope);

    /// <summary>The envelope of a stored value, whatever key sealed it.</summary>
    public static byte[] ToEnvelope(in RecordContext context, string stored)
    {
        var buffer = Decode(context, stored, out var length);
        try
        {
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether a stored value was sealed with a data subject's key rather than the tenant's.</summary>
    public static bool IsSubjectEnvelope(string stored)
    {
        if (!IsEncrypted(stored) || stored.Length < TenantHeadLength)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[EnvelopeHeader.TenantHeaderLength];
        return Convert.TryFromBase64Chars(stored.AsSpan(Prefix.Length, TenantHeadLength - Prefix.Length), head, out var written)
            && written == head.Length
            && (KeyKind)head[1] == KeyKind.Subject;
    }

    /// <summary>Throws <see cref="CryptographicException"/> for a value that is not encrypted, or not encrypted for this context.</summary>
    public static string Decrypt(TenantKeyRing ring, in RecordContext context, string stored)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var envelope = Decode(context, stored, out var envelopeLength);
        var plaintext = ArrayPool<byte>.Shared.Rent(envelopeLength);
        try
        {
            var length = Open(ring, context, envelope.AsSpan(0, envelopeLength), plaintext);
            return Encoding.UTF8.GetString(plaintext, 0, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            ArrayPool<byte>.Shared.Return(plaintext);
            ArrayPool<byte>.Shared.Return(envelope);
        }
    }

    /// <summary>Opens a stored value and seals it again under the ring's current key version, byte for byte.</summary>
    public static string Reencrypt(TenantKeyRing ring, in RecordContext context, string stored)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var envelope = Decode(context, stored, out var envelopeLength);
        var plaintext = ArrayPool<byte>.Shared.Rent(envelopeLength);
        try
        {
            var length = Open(ring, context, envelope.AsSpan(0, envelopeLength), plaintext);
            return Seal(ring, context, plaintext.AsSpan(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            ArrayPool<byte>.Shared.Return(plaintext);
            ArrayPool<byte>.Shared.Return(envelope);
        }
    }

    private static string Seal(TenantKeyRing ring, in RecordContext context, ReadOnlySpan<byte> plaintext)
    {
        var envelopeLength = ring.GetEnvelopeLength(plaintext.Length);
        var envelope = ArrayPool<byte>.Shared.Rent(envelopeLength);
        try
        {
            ring.Encrypt(context, plaintext, envelope);
            var text = Prefix.Length + ((envelopeLength + 2) / 3 * 4);
            return string.Create(text, (envelope, envelopeLength), static (chars, state) =>
            {
                Prefix.CopyTo(chars);
                Convert.TryToBase64Chars(state.envelope.AsSpan(0, state.envelopeLength), chars[Prefix.Length..], out _);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(envelope);
        }
    }

    private static byte[] Decode(in RecordContext context, string stored, out int length)
    {
        if (!IsEncrypted(stored))
        {
            // Never pass a clear value through: a store that may hold plaintext is a store that leaks it.
            throw new CryptographicException($"The stored {context.Kind} of '{context.RecordId}' (tenant '{context.TenantId}') is not encrypted.");
        }

        var base64 = stored.AsSpan(Prefix.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(base64.Length / 4 * 3);
        if (!Convert.TryFromBase64Chars(base64, buffer, out length))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new CryptographicException($"The stored {context.Kind} of '{context.RecordId}' (tenant '{context.TenantId}') is not valid base64.");
        }

        return buffer;
    }

    private static int Open(TenantKeyRing ring, in RecordContext context, ReadOnlySpan<byte> envelope, Span<byte> plaintext)
    {
        try
        {
            return ring.Decrypt(context, envelope, plaintext);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new CryptographicException(
                $"The stored {context.Kind} of '{context.RecordId}' (tenant '{context.TenantId}') does not decrypt: "
                + "it was altered, or copied from another record, kind or tenant.",
                ex);
        }
    }
}
