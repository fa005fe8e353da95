using Mirrorspace.Security.Audit;

namespace Mirrorspace.Storage.Audit;

public static class AuditStoreProofs
{
    /// <summary>
    /// The inclusion proof of entry <paramref name="sequence"/> against <paramref name="checkpoint"/>;
    /// null when the entry is not covered by the checkpoint. Reads the log up to the checkpoint's
    /// size (O(n) hashing, leaf hashes on all cores; O(log n) memory): there is no stored node cache yet.
    /// </summary>
    public static async Task<AuditInclusionProof?> ProveAsync(
        this IAuditStore store, long sequence, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (sequence < 1 || sequence > checkpoint.TreeSize)
        {
            return null;
        }

        var builder = new MerkleProofBuilder(sequence - 1, checkpoint.TreeSize);
        var leaves = new byte[AuditRowChunks.ChunkSize][];
        ChainedAuditEntry? proven = null;
        long position = 0;
        await foreach (var chunk in AuditRowChunks.ReadAsync(store, 1, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false))
        {
            Parallel.For(0, chunk.Length, i => leaves[i] = MerkleTree.LeafHash(chunk[i].Entry.ToCanonicalBytes()));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i].Sequence != position + 1)
                {
                    throw new InvalidOperationException($"The audit log has a gap before entry {chunk[i].Sequence}; run 'mirrorspace audit verify'.");
                }

                builder.Add(position, leaves[i]);
                proven = chunk[i].Sequence == sequence ? chunk[i] : proven;
                position++;
            }
        }

        if (position != checkpoint.TreeSize)
        {
            throw new InvalidOperationException($"The audit log holds {position} entries but the checkpoint covers {checkpoint.TreeSize}; run 'mirrorspace audit verify'.");
        }

        return new AuditInclusionProof(proven!, proven!.Entry.ToCanonicalBytes(), sequence - 1, builder.Build(), checkpoint);
    }
}
