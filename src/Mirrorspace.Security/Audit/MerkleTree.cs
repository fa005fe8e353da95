using System.Numerics;
using System.Security.Cryptography;

namespace Mirrorspace.Security.Audit;

/// <summary>
/// The Merkle tree of RFC 6962 §2.1 / RFC 9162 §2.1, written from the definitions:
/// <c>MTH({}) = SHA-256()</c>, <c>MTH({d0}) = SHA-256(0x00 || d0)</c>, and for n &gt; 1 with k the
/// largest power of two smaller than n, <c>MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))</c>.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    private static readonly byte[] EmptyRootHash = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The root of the empty tree, the hash of the empty string.</summary>
    public static ReadOnlySpan<byte> EmptyRoot => EmptyRootHash;

    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        Span<byte> buffer = leaf.Length < 1024 ? stackalloc byte[leaf.Length + 1] : new byte[leaf.Length + 1];
        buffer[0] = 0x00;
        leaf.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + left.Length + right.Length];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + left.Length)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n &gt; 1): the size of the left subtree.</summary>
    public static long SplitPoint(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        return 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
    }

    /// <summary>MTH over leaf hashes (already <see cref="LeafHash"/>ed).</summary>
    public static byte[] Root(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var tree = new MerkleAccumulator();
        foreach (var leaf in leafHashes)
        {
            tree.Append(leaf);
        }

        return tree.Root();
    }

    /// <summary>
    /// The leaf ranges [Start, End) whose subtree hashes form PATH(m, D[n]) (RFC 6962 §2.1.1), in
    /// proof order, from the leaf's sibling up to the root's other child:
    /// for m &lt; k, PATH(m, D[0:k]) then MTH(D[k:n]); otherwise PATH(m - k, D[k:n]) then MTH(D[0:k]).
    /// </summary>
    public static IReadOnlyList<(long Start, long End)> InclusionRanges(long index, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);
        var fromRoot = new List<(long Start, long End)>();
        long start = 0;
        var size = treeSize;
        var m = index;
        while (size > 1)
        {
            var k = SplitPoint(size);
            if (m < k)
            {
                fromRoot.Add((start + k, start + size));
                size = k;
            }
            else
            {
                fromRoot.Add((start, start + k));
                start += k;
                m -= k;
                size -= k;
            }
        }

        fromRoot.Reverse();
        return fromRoot;
    }

    /// <summary>PATH(index, D[n]) over all n leaf hashes of the tree.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long index)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var builder = new MerkleProofBuilder(index, leafHashes.Count);
        for (var i = 0; i < leafHashes.Count; i++)
        {
            builder.Add(i, leafHashes[i]);
        }

        return builder.Build();
    }

    /// <summary>The verification algorithm of RFC 9162 §2.1.3.2, step by step.</summary>
    public static bool VerifyInclusion(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= treeSize || leafHash.Length != HashSize || rootHash.Length != HashSize)
        {
            return false;
        }

        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p is not { Length: HashSize })
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, rootHash);
    }
}
