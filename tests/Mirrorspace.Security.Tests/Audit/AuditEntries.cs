using System.Security.Cryptography;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Security.Tests.Audit;

/// <summary>Builds small, valid logs in memory: entries, chain, checkpoints and a signed head.</summary>
internal static class AuditEntries
{
    public static readonly DateTimeOffset Epoch = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static AuditEntry Entry(long sequence) => new()
    {
        Sequence = sequence,
        Timestamp = Epoch.AddSeconds(sequence),
        TenantId = sequence % 3 == 0 ? null : $"tenant-{sequence % 2}",
        Principal = $"key-{sequence % 7}",
        Action = "twin.read",
        Resource = $"twins/pump-{sequence}",
        Outcome = sequence % 5 == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
        Reason = sequence % 5 == 0 ? "wrong secret" : null,
        RemoteAddress = "192.0.2.7",
        Properties = sequence % 4 == 0 ? ["heartRate", "spo2"] : null,
        Purpose = sequence % 4 == 0 ? "care" : null,
    };

    public static List<ChainedAuditEntry> Chain(int count) =>
        [.. AuditChain.LinkAll(AuditChain.Genesis, Enumerable.Range(1, count).Select(i => Entry(i)))];

    /// <summary>Checkpoints every <paramref name="every"/> entries, signed with <paramref name="key"/>.</summary>
    public static List<Checkpoint> Checkpoints(IReadOnlyList<ChainedAuditEntry> rows, int every, ECDsa key)
    {
        var checkpoints = new List<Checkpoint>();
        var tree = new MerkleAccumulator();
        foreach (var row in rows)
        {
            tree.Append(MerkleTree.LeafHash(row.Entry.ToCanonicalBytes()));
            if (tree.Size % every == 0)
            {
                checkpoints.Add(Checkpoint.Sign(tree.Size, tree.Root(), row.Hash, Epoch.AddSeconds(tree.Size), key));
            }
        }

        return checkpoints;
    }

    /// <summary>A head over the first <paramref name="size"/> rows.</summary>
    public static Checkpoint Head(IReadOnlyList<ChainedAuditEntry> rows, int size, ECDsa key) =>
        Checkpoint.Sign(
            size,
            MerkleTree.Root(rows.Take(size).Select(r => MerkleTree.LeafHash(r.Entry.ToCanonicalBytes()))),
            size == 0 ? AuditChain.Genesis.ToArray() : rows[size - 1].Hash,
            Epoch.AddDays(1),
            key);

    public static AuditVerificationResult Verify(IEnumerable<ChainedAuditEntry> rows, IEnumerable<Checkpoint> checkpoints, Checkpoint? head, ECDsa key)
    {
        var sut = new AuditVerifier(checkpoints, head, key);
        foreach (var row in rows)
        {
            if (!sut.Add(row))
            {
                break;
            }
        }

        return sut.Complete();
    }
}
