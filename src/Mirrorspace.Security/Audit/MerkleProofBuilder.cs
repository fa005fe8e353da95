namespace Mirrorspace.Security.Audit;

/// <summary>
/// Builds the inclusion proof of one leaf while the tree's leaves stream past in order, in
/// O(log n) memory: each proof element is the root of one leaf range of
/// <see cref="MerkleTree.InclusionRanges"/>, grown in its own accumulator.
/// </summary>
public sealed class MerkleProofBuilder
{
    private readonly long _index;
    private readonly long _treeSize;
    private readonly IReadOnlyList<(long Start, long End)> _ranges;
    private readonly MerkleAccumulator[] _subtrees;
    private byte[]? _leafHash;
    private long _next;

    public MerkleProofBuilder(long index, long treeSize)
    {
        _index = index;
        _treeSize = treeSize;
        _ranges = MerkleTree.InclusionRanges(index, treeSize);
        _subtrees = [.. _ranges.Select(_ => new MerkleAccumulator())];
    }

    /// <summary>The hash of the proven leaf, once it has been added.</summary>
    public byte[]? LeafHash => _leafHash;

    /// <summary>Adds leaf <paramref name="position"/>; leaves must come in order 0, 1, 2, …</summary>
    public void Add(long position, ReadOnlySpan<byte> leafHash)
    {
        if (position != _next || position >= _treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"Expected leaf {_next} of {_treeSize}.");
        }

        _next++;
        if (position == _index)
        {
            _leafHash = leafHash.ToArray();
            return;
        }

        // The ranges partition every leaf but the proven one; there are at most 63 of them.
        for (var i = 0; i < _ranges.Count; i++)
        {
            if (position >= _ranges[i].Start && position < _ranges[i].End)
            {
                _subtrees[i].Append(leafHash);
                return;
            }
        }
    }

    public IReadOnlyList<byte[]> Build()
    {
        if (_next != _treeSize)
        {
            throw new InvalidOperationException($"Only {_next} of {_treeSize} leaves were added.");
        }

        return [.. _subtrees.Select(s => s.Root())];
    }
}
