using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>
/// Finds where the log stands at start: from the signed head (checked against the key and the
/// store) plus the entries written after it, which must link to it. Refuses a log that is shorter
/// than its head or does not link: appending to it would bless the damage with a new signature.
/// </summary>
internal static class AuditRecovery
{
    public static async Task<AuditLogState> LoadAsync(IAuditStore store, AuditFiles files, ECDsa key, ILogger logger, CancellationToken cancellationToken)
    {
        SignedHead? signed;
        try
        {
            signed = AuditHeadFile.Read(files.HeadPath);
        }
        catch (FormatException ex)
        {
            throw Untrusted(files, ex.Message);
        }

        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var latest = checkpoints.Count == 0 ? null : checkpoints[^1];
        var count = await store.CountAsync(cancellationToken).ConfigureAwait(false);
        var (tree, chainHead) = signed is null ? (new MerkleAccumulator(), AuditChain.Genesis.ToArray()) : Resume(signed, key, latest, count, files);
        if (signed is null && count > 0)
        {
            AuditLogMessages.HeadMissing(logger, files.HeadPath, count);
        }

        if (signed is not null && tree.Size > 0)
        {
            var last = await store.GetAsync(tree.Size, cancellationToken).ConfigureAwait(false);
            if (last is null || !last.Hash.AsSpan().SequenceEqual(chainHead))
            {
                throw Untrusted(files, $"entry {tree.Size} is not the one the signed head vouches for");
            }
        }

        await foreach (var row in store.ReadAsync(tree.Size + 1, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            var canonical = row.Entry.ToCanonicalBytes();
            if (row.Sequence != tree.Size + 1 || !AuditChain.Next(chainHead, canonical).AsSpan().SequenceEqual(row.Hash))
            {
                throw Untrusted(files, $"entry {tree.Size + 1} does not link to the one before it");
            }

            chainHead = row.Hash;
            tree.Append(MerkleTree.LeafHash(canonical));
            if (latest is not null && tree.Size == latest.TreeSize
                && !(latest.Verify(key) && latest.RootHash.AsSpan().SequenceEqual(tree.Root()) && latest.ChainHead.AsSpan().SequenceEqual(chainHead)))
            {
                throw Untrusted(files, $"the entries do not match the checkpoint at {latest.TreeSize}");
            }
        }

        if (latest is not null && tree.Size < latest.TreeSize)
        {
            throw Untrusted(files, $"the log ends at {tree.Size} but a checkpoint covers {latest.TreeSize}");
        }

        return new AuditLogState(chainHead, tree, latest?.TreeSize ?? 0, signed?.Checkpoint);
    }

    private static (MerkleAccumulator Tree, byte[] ChainHead) Resume(SignedHead signed, ECDsa key, Checkpoint? latest, long count, AuditFiles files)
    {
        var head = signed.Checkpoint;
        if (!head.Verify(key))
        {
            throw Untrusted(files, "the signed head is not signed by this node's key");
        }

        MerkleAccumulator tree;
        try
        {
            tree = MerkleAccumulator.Resume(head.TreeSize, signed.Subtrees);
        }
        catch (FormatException ex)
        {
            throw Untrusted(files, ex.Message);
        }

        if (!tree.Root().AsSpan().SequenceEqual(head.RootHash))
        {
            throw Untrusted(files, "the head's subtree hashes do not fold to its signed root");
        }

        if (latest is not null && latest.TreeSize > head.TreeSize)
        {
            throw Untrusted(files, $"the signed head ({head.TreeSize}) is older than the checkpoint at {latest.TreeSize}");
        }

        return count < head.TreeSize
            ? throw Untrusted(files, $"the log ends at {count} but the signed head vouches for {head.TreeSize} entries")
            : (tree, head.ChainHead.ToArray());
    }

    private static InvalidOperationException Untrusted(AuditFiles files, string reason) => new(
        $"The audit log in {files.DataDirectory} cannot be trusted: {reason}. The node will not append to it. "
        + $"Run 'mirrorspace audit verify --data {files.DataDirectory}' to find the first bad entry.");
}
