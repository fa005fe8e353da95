using System.Security.Cryptography;
using NSec.Cryptography;

namespace Mirrorspace.Security.Signatures;

/// <summary>
/// The one algorithm and key a device signs with. Pinning both is what defeats algorithm confusion:
/// the algorithm comes from the registration, never from the message, and a key is only ever used
/// with the algorithm it was registered for.
/// </summary>
public sealed class DeviceSigningKey : IDisposable
{
    private readonly byte[]? _hmacKey;
    private readonly ECDsa? _ecdsa;
    private readonly PublicKey? _ed25519;
    private byte[]? _acceptedHeader;

    private DeviceSigningKey(SignatureAlgorithm algorithm, byte[]? hmacKey, ECDsa? ecdsa, PublicKey? ed25519)
    {
        Algorithm = algorithm;
        _hmacKey = hmacKey;
        _ecdsa = ecdsa;
        _ed25519 = ed25519;
    }

    public SignatureAlgorithm Algorithm { get; }

    /// <summary>A shared HMAC key; shorter than the hash output is refused (RFC 7518 §3.2).</summary>
    public static DeviceSigningKey Hs256(ReadOnlySpan<byte> key) =>
        key.Length < 32
            ? throw new ArgumentException("An HS256 key must be at least 256 bits.", nameof(key))
            : new DeviceSigningKey(SignatureAlgorithm.HS256, key.ToArray(), null, null);

    /// <summary>A P-256 public key as SubjectPublicKeyInfo (PEM <c>PUBLIC KEY</c> or DER).</summary>
    public static DeviceSigningKey Es256(string publicKeyPem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(publicKeyPem);
            if (ecdsa.KeySize != 256)
            {
                throw new ArgumentException("An ES256 key must be on the P-256 curve.", nameof(publicKeyPem));
            }

            return new DeviceSigningKey(SignatureAlgorithm.ES256, null, ecdsa, null);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>A raw 32-byte Ed25519 public key (the JWK <c>x</c> value, base64url-decoded).</summary>
    public static DeviceSigningKey EdDsa(ReadOnlySpan<byte> publicKey) =>
        new(SignatureAlgorithm.EdDSA, null, null, PublicKey.Import(SignatureAlgorithm25519, publicKey, KeyBlobFormat.RawPublicKey));

    /// <summary>Whether these encoded header bytes are the ones last checked and found acceptable for this key.</summary>
    internal bool IsAcceptedHeader(ReadOnlySpan<byte> encodedHeader) =>
        Volatile.Read(ref _acceptedHeader) is { } accepted && encodedHeader.SequenceEqual(accepted);

    internal void AcceptHeader(ReadOnlySpan<byte> encodedHeader) => Volatile.Write(ref _acceptedHeader, encodedHeader.ToArray());

    internal bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) => Algorithm switch
    {
        SignatureAlgorithm.HS256 => signature.Length == HMACSHA256.HashSizeInBytes
            && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_hmacKey!, signingInput), signature),
        SignatureAlgorithm.ES256 => signature.Length == 64
            && _ecdsa!.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        SignatureAlgorithm.EdDSA => signature.Length == 64 && SignatureAlgorithm25519.Verify(_ed25519!, signingInput, signature),
        _ => false,
    };

    public void Dispose()
    {
        if (_hmacKey is not null)
        {
            CryptographicOperations.ZeroMemory(_hmacKey);
        }

        _ecdsa?.Dispose();
    }

    private static Ed25519 SignatureAlgorithm25519 => NSec.Cryptography.SignatureAlgorithm.Ed25519;
}
