namespace Mirrorspace.Security.Audit;

/// <summary>
/// A stored entry with the hashes verification needs, computed against the stored hash of the row
/// before it. Each one depends only on two stored rows, so a driver can prepare many at once in
/// parallel and hand them to <see cref="AuditVerifier"/> in order.
/// </summary>
public sealed class PreparedAuditEntry
{
    private PreparedAuditEntry(ChainedAuditEntry row, byte[] previousHash, byte[]? canonical)
    {
        Row = row;
        PreviousHash = previousHash;
        if (canonical is not null)
        {
            LeafHash = MerkleTree.LeafHash(canonical);
            Link = AuditChain.Next(previousHash, canonical);
        }
    }

    public ChainedAuditEntry Row { get; }

    /// <summary>The stored hash the link was computed from.</summary>
    public byte[] PreviousHash { get; }

    /// <summary>The Merkle leaf hash of the entry's canonical bytes; null when the stored entry cannot be encoded.</summary>
    public byte[]? LeafHash { get; }

    /// <summary>SHA-256(previous hash || canonical bytes): equals <see cref="ChainedAuditEntry.Hash"/> when the link holds.</summary>
    public byte[]? Link { get; }

    /// <param name="previousHash">The stored hash of the row read just before <paramref name="row"/> (the genesis hash for the first).</param>
    public static PreparedAuditEntry Prepare(ChainedAuditEntry row, byte[] previousHash)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(previousHash);
        byte[]? canonical;
        try
        {
            canonical = row.Entry.ToCanonicalBytes();
        }
        catch (ArgumentException)
        {
            // Edited into something the encoding refuses (an unknown outcome, invalid text): it cannot link.
            canonical = null;
        }

        return new PreparedAuditEntry(row, previousHash, canonical);
    }
}
