using System.Security.Cryptography;
using Mirrorspace.Security.Audit;
using static Mirrorspace.Security.Tests.Audit.Hashes;

namespace Mirrorspace.Security.Tests.Audit;

public sealed class MerkleTreeRootTests
{
    /// <summary>Roots of the trees of 1 to 9 leaves, expanded by hand from the RFC 6962 definition.</summary>
    public static TheoryData<int> Sizes => [.. Enumerable.Range(1, 9)];

    private static byte[] HandRoot(int n)
    {
        byte[] h01 = H(L(0), L(1)), h23 = H(L(2), L(3)), h45 = H(L(4), L(5)), h67 = H(L(6), L(7));
        var h03 = H(h01, h23);
        var h47 = H(h45, h67);
        return n switch
        {
            1 => L(0),
            2 => h01,
            3 => H(h01, L(2)),
            4 => h03,
            5 => H(h03, L(4)),
            6 => H(h03, h45),
            7 => H(h03, H(h45, L(6))),
            8 => H(h03, h47),
            9 => H(H(h03, h47), L(8)),
            _ => throw new ArgumentOutOfRangeException(nameof(n)),
        };
    }

    [Fact]
    public void LeafHash_Data_IsSha256OfZeroPrefixAndData()
    {
        Assert.Equal(SHA256.HashData([0x00, (byte)'d', (byte)'0']), MerkleTree.LeafHash(Data(0)));
    }

    [Fact]
    public void NodeHash_TwoChildren_IsSha256OfOnePrefixAndChildren()
    {
        Assert.Equal(SHA256.HashData([0x01, .. L(0), .. L(1)]), MerkleTree.NodeHash(L(0), L(1)));
    }

    [Fact]
    public void Root_EmptyTree_IsSha256OfTheEmptyString()
    {
        Assert.Equal(Convert.FromHexString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), MerkleTree.Root([]));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Root_SmallTree_MatchesHandComputedTree(int n)
    {
        Assert.Equal(HandRoot(n), MerkleTree.Root(Leaves(n)));
        Assert.Equal(HandRoot(n), ReferenceRoot(Leaves(n)));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(8, 4)]
    [InlineData(9, 8)]
    [InlineData(1L << 40, 1L << 39)]
    [InlineData((1L << 40) + 1, 1L << 40)]
    public void SplitPoint_Size_IsLargestPowerOfTwoBelowIt(long n, long expected)
    {
        Assert.Equal(expected, MerkleTree.SplitPoint(n));
    }

    [Fact]
    public void Root_LargerTree_MatchesTheRecursiveDefinition()
    {
        foreach (var n in new[] { 10, 31, 32, 33, 100, 257 })
        {
            Assert.Equal(ReferenceRoot(Leaves(n)), MerkleTree.Root(Leaves(n)));
        }
    }

    [Fact]
    public void Resume_SavedSubtrees_ContinuesToTheSameRoots()
    {
        var original = new MerkleAccumulator();
        foreach (var leaf in Leaves(13))
        {
            original.Append(leaf);
        }

        var sut = MerkleAccumulator.Resume(original.Size, original.Subtrees);
        foreach (var i in Enumerable.Range(13, 8))
        {
            sut.Append(L(i));
            original.Append(L(i));
            Assert.Equal(original.Root(), sut.Root());
        }

        Assert.Equal(ReferenceRoot(Leaves(21)), sut.Root());
    }

    [Fact]
    public void Resume_WrongNumberOfSubtrees_Throws()
    {
        Assert.Throws<FormatException>(() => MerkleAccumulator.Resume(7, [L(0), L(1)]));
    }
}
