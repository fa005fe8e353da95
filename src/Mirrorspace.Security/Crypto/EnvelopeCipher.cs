using System.Security.Cryptography;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// Record encryption: AES-256-GCM with a random 96-bit nonce. An envelope is
/// <c>header ‖ nonce (12) ‖ ciphertext ‖ tag (16)</c>; the associated data is the header followed
/// by the length-prefixed tenant id, record kind and record id (<see cref="RecordContext"/>).
/// </summary>
public static class EnvelopeCipher
{
    public const byte FormatVersion = 1;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    // Contexts are short ids; a longer one falls back to the heap.
    private const int StackAssociatedData = 512;

    public static int GetEnvelopeLength(in EnvelopeHeader header, int plaintextLength) =>
        header.EncodedLength + NonceSize + plaintextLength + TagSize;

    /// <summary>The plaintext length of an envelope; throws when it is not one.</summary>
    public static int GetPlaintextLength(ReadOnlySpan<byte> envelope) => envelope.Length - Overhead(envelope);

    public static byte[] Encrypt(DataKey key, in EnvelopeHeader header, in RecordContext context, ReadOnlySpan<byte> plaintext)
    {
        var envelope = new byte[GetEnvelopeLength(header, plaintext.Length)];
        Encrypt(key, header, context, plaintext, envelope);
        return envelope;
    }

    /// <summary>Seals <paramref name="plaintext"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int Encrypt(DataKey key, in EnvelopeHeader header, in RecordContext context, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        context.Validate();
        var length = GetEnvelopeLength(header, plaintext.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination needs {length} bytes.", nameof(destination));
        }

        var headerLength = header.Write(destination);
        var nonce = destination.Slice(headerLength, NonceSize);
        Nonces.Fill(nonce);
        var ciphertext = destination.Slice(headerLength + NonceSize, plaintext.Length);
        var tag = destination.Slice(headerLength + NonceSize + plaintext.Length, TagSize);

        var adLength = headerLength + context.AssociatedDataSize;
        Span<byte> ad = adLength <= StackAssociatedData ? stackalloc byte[StackAssociatedData] : new byte[adLength];
        ad = ad[..adLength];
        destination[..headerLength].CopyTo(ad);
        context.WriteAssociatedData(ad[headerLength..]);
        key.Seal(nonce, plaintext, ciphertext, tag, ad);
        return length;
    }

    public static byte[] Decrypt(DataKey key, ReadOnlySpan<byte> envelope, in RecordContext context)
    {
        var plaintext = new byte[GetPlaintextLength(envelope)];
        Decrypt(key, envelope, context, plaintext);
        return plaintext;
    }

    /// <summary>
    /// Opens an envelope into <paramref name="destination"/> and returns the bytes written. Throws
    /// <see cref="CryptographicException"/> when the key is not the one that sealed it, or when the
    /// envelope or its context (tenant, kind, record) differ from sealing time.
    /// </summary>
    public static int Decrypt(DataKey key, ReadOnlySpan<byte> envelope, in RecordContext context, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        context.Validate();
        var headerLength = HeaderLength(envelope);
        var plaintextLength = envelope.Length - headerLength - NonceSize - TagSize;
        if (plaintextLength < 0)
        {
            throw new CryptographicException("The envelope is truncated.");
        }

        if (destination.Length < plaintextLength)
        {
            throw new ArgumentException($"The destination needs {plaintextLength} bytes.", nameof(destination));
        }

        var adLength = headerLength + context.AssociatedDataSize;
        Span<byte> ad = adLength <= StackAssociatedData ? stackalloc byte[StackAssociatedData] : new byte[adLength];
        ad = ad[..adLength];
        envelope[..headerLength].CopyTo(ad);
        context.WriteAssociatedData(ad[headerLength..]);
        key.Open(
            envelope.Slice(headerLength, NonceSize),
            envelope.Slice(headerLength + NonceSize, plaintextLength),
            envelope[^TagSize..],
            destination[..plaintextLength],
            ad);
        return plaintextLength;
    }

    private static int Overhead(ReadOnlySpan<byte> envelope)
    {
        var overhead = HeaderLength(envelope) + NonceSize + TagSize;
        return envelope.Length >= overhead ? overhead : throw new CryptographicException("The envelope is truncated.");
    }

    private static int HeaderLength(ReadOnlySpan<byte> envelope) =>
        EnvelopeHeader.TryRead(envelope, out _, out var length)
            ? length
            : throw new CryptographicException("Not an envelope of a known format.");
}
