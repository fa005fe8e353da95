using Mirrorspace.Security.Audit;

namespace Mirrorspace.Storage.Audit;

/// <summary>
/// Everything a third party needs, with the node's public key, to check that <see cref="Entry"/>
/// is in the log: its leaf (the canonical bytes), its index, the audit path and the checkpoint.
/// </summary>
public sealed record AuditInclusionProof(ChainedAuditEntry Entry, byte[] Leaf, long LeafIndex, IReadOnlyList<byte[]> Path, Checkpoint Checkpoint)
{
    /// <summary>What the third party does: RFC 9162 §2.1.3.2 against the checkpoint's root (the signature is checked separately).</summary>
    public bool Verifies() => MerkleTree.VerifyInclusion(LeafIndex, Checkpoint.TreeSize, MerkleTree.LeafHash(Leaf), Path, Checkpoint.RootHash);
}
