using System.Numerics;

namespace Mirrorspace.Security.Audit;

/// <summary>
/// A Merkle tree grown one leaf at a time in O(log n) memory: it keeps only the roots of the
/// perfect subtrees that make up the tree (one per set bit of the size, largest first), which is
/// all that appending and computing the root need. The root folds them from the right, which is
/// exactly MTH: the left subtree of an n-leaf tree is the largest perfect one.
/// </summary>
public sealed class MerkleAccumulator
{
    private readonly List<byte[]> _subtrees = [];

    public long Size { get; private set; }

    /// <summary>The perfect subtree roots, largest first; persisted with the signed head so a restart need not rehash the log.</summary>
    public IReadOnlyList<byte[]> Subtrees => _subtrees;

    /// <summary>Resumes from <see cref="Subtrees"/> saved at <paramref name="size"/>.</summary>
    public static MerkleAccumulator Resume(long size, IReadOnlyList<byte[]> subtrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(subtrees);
        if (BitOperations.PopCount((ulong)size) != subtrees.Count || subtrees.Any(s => s is not { Length: MerkleTree.HashSize }))
        {
            throw new FormatException($"A tree of {size} leaves has {BitOperations.PopCount((ulong)size)} subtree hashes of {MerkleTree.HashSize} bytes.");
        }

        var tree = new MerkleAccumulator { Size = size };
        tree._subtrees.AddRange(subtrees.Select(s => s.ToArray()));
        return tree;
    }

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException($"A leaf hash has {MerkleTree.HashSize} bytes.", nameof(leafHash));
        }

        // Each trailing 1 bit of the old size is a perfect subtree of the same size as the one being carried.
        var node = leafHash.ToArray();
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            node = MerkleTree.NodeHash(_subtrees[^1], node);
            _subtrees.RemoveAt(_subtrees.Count - 1);
        }

        _subtrees.Add(node);
        Size++;
    }

    public byte[] Root()
    {
        if (_subtrees.Count == 0)
        {
            return MerkleTree.EmptyRoot.ToArray();
        }

        var root = _subtrees[^1];
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(_subtrees[i], root);
        }

        return root;
    }
}
