using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Security.Audit;

/// <summary>
/// A signed statement of the log's state: its first <see cref="TreeSize"/> entries have Merkle
/// root <see cref="RootHash"/> and chain head <see cref="ChainHead"/>. The signature covers
/// <see cref="SignedBody"/>, a short text anyone can rebuild from the fields and check with
/// <c>openssl dgst -sha256 -verify audit-signing-key.pub.pem -signature sig.der body.txt</c>.
/// </summary>
public sealed record Checkpoint
{
    public const string Header = "mirrorspace-audit-checkpoint/v1";

    public required long TreeSize { get; init; }

    public required byte[] RootHash { get; init; }

    public required byte[] ChainHead { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Names the signing key: see <see cref="AuditKeys.KeyId"/>.</summary>
    public required string KeyId { get; init; }

    /// <summary>ECDSA P-256 over SHA-256 of <see cref="SignedBody"/>, DER-encoded (RFC 3279), as OpenSSL writes it.</summary>
    public required byte[] Signature { get; init; }

    /// <summary>Six lines, each ending in '\n': header, tree size, root and chain head in base64, UTC timestamp to the tick, key id.</summary>
    public string SignedBody => Body(TreeSize, RootHash, ChainHead, Timestamp, KeyId);

    public static Checkpoint Sign(long treeSize, byte[] rootHash, byte[] chainHead, DateTimeOffset timestamp, ECDsa key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentNullException.ThrowIfNull(rootHash);
        ArgumentNullException.ThrowIfNull(chainHead);
        ArgumentNullException.ThrowIfNull(key);
        if (rootHash.Length != MerkleTree.HashSize || chainHead.Length != AuditChain.HashSize)
        {
            throw new ArgumentException("Root and chain head are SHA-256 hashes.");
        }

        var keyId = AuditKeys.KeyId(key);
        var body = Encoding.UTF8.GetBytes(Body(treeSize, rootHash, chainHead, timestamp, keyId));
        return new Checkpoint
        {
            TreeSize = treeSize,
            RootHash = rootHash,
            ChainHead = chainHead,
            Timestamp = timestamp.ToUniversalTime(),
            KeyId = keyId,
            Signature = key.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
        };
    }

    /// <summary>True when <paramref name="publicKey"/> signed exactly these fields; a checkpoint of another key is refused.</summary>
    public bool Verify(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (TreeSize < 0 || RootHash is not { Length: MerkleTree.HashSize } || ChainHead is not { Length: AuditChain.HashSize }
            || Signature is null || !string.Equals(KeyId, AuditKeys.KeyId(publicKey), StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var body = Encoding.UTF8.GetBytes(SignedBody);
            return publicKey.VerifyData(body, Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Body(long treeSize, byte[] rootHash, byte[] chainHead, DateTimeOffset timestamp, string keyId) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Header}\n{treeSize}\n{Convert.ToBase64String(rootHash)}\n{Convert.ToBase64String(chainHead)}\n{timestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}\n{keyId}\n");
}
