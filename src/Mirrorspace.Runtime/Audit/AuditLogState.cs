using Mirrorspace.Security.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>Where the log stands: owned by <see cref="AuditLog"/>'s single loop once it runs.</summary>
internal sealed class AuditLogState(byte[] chainHead, MerkleAccumulator tree, long lastCheckpointSize, Checkpoint? head)
{
    public long Size => Tree.Size;

    /// <summary>The hash of the last entry (the genesis hash when empty).</summary>
    public byte[] ChainHead { get; private set; } = chainHead;

    public MerkleAccumulator Tree { get; } = tree;

    /// <summary>The tree size of the newest checkpoint stored in audit.db.</summary>
    public long LastCheckpointSize { get; set; } = lastCheckpointSize;

    /// <summary>The newest signed head written to the head file.</summary>
    public Checkpoint? Head { get; set; } = head;

    public void Append(byte[] entryHash, byte[] leafHash)
    {
        ChainHead = entryHash;
        Tree.Append(leafHash);
    }
}
