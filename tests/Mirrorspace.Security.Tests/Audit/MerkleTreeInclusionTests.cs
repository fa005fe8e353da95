using Mirrorspace.Security.Audit;
using static Mirrorspace.Security.Tests.Audit.Hashes;

namespace Mirrorspace.Security.Tests.Audit;

public sealed class MerkleTreeInclusionTests
{
    public static TheoryData<int, int> EveryLeafOfTreesUpToNine =>
        [.. Enumerable.Range(1, 9).SelectMany(n => Enumerable.Range(0, n).Select(m => (n, m)))];

    /// <summary>The example tree of RFC 9162 §2.1.5 (7 leaves) with the node names of its figure.</summary>
    public static TheoryData<int, string> RfcExample => new()
    {
        { 0, "b h l" },
        { 3, "c g l" },
        { 4, "f j k" },
        { 6, "i k" },
    };

    [Theory]
    [MemberData(nameof(RfcExample))]
    public void InclusionProof_RfcExampleTree_IsTheRfcPath(int leaf, string path)
    {
        byte[] a = L(0), b = L(1), c = L(2), d = L(3), e = L(4), f = L(5), j = L(6);
        byte[] g = H(a, b), h = H(c, d), i = H(e, f);
        byte[] k = H(g, h), l = H(i, j);
        var named = new Dictionary<string, byte[]> { ["b"] = b, ["c"] = c, ["f"] = f, ["g"] = g, ["h"] = h, ["i"] = i, ["j"] = j, ["k"] = k, ["l"] = l };

        var proof = MerkleTree.InclusionProof(Leaves(7), leaf);

        Assert.Equal(path.Split(' ').Select(n => named[n]), proof);
        Assert.True(MerkleTree.VerifyInclusion(leaf, 7, L(leaf), proof, H(k, l)));
    }

    [Theory]
    [InlineData(1, 0, "")]
    [InlineData(3, 0, "L1 L2")]
    [InlineData(3, 2, "H01")]
    [InlineData(5, 4, "H03")]
    [InlineData(6, 5, "L4 H03")]
    [InlineData(9, 0, "L1 H23 H47 L8")]
    [InlineData(9, 8, "H07")]
    public void InclusionProof_SmallTree_IsTheHandComputedPath(int n, int leaf, string path)
    {
        byte[] h01 = H(L(0), L(1)), h23 = H(L(2), L(3)), h45 = H(L(4), L(5)), h67 = H(L(6), L(7));
        var named = new Dictionary<string, byte[]>
        {
            ["L1"] = L(1), ["L2"] = L(2), ["L4"] = L(4), ["L8"] = L(8), ["H01"] = h01, ["H23"] = h23,
            ["H03"] = H(h01, h23), ["H47"] = H(h45, h67), ["H07"] = H(H(h01, h23), H(h45, h67)),
        };

        var proof = MerkleTree.InclusionProof(Leaves(n), leaf);

        Assert.Equal(path.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => named[p]), proof);
    }

    [Theory]
    [MemberData(nameof(EveryLeafOfTreesUpToNine))]
    public void InclusionProof_EveryLeaf_MatchesRecursiveDefinitionAndVerifies(int n, int m)
    {
        var leaves = Leaves(n);

        var proof = MerkleTree.InclusionProof(leaves, m);

        Assert.Equal(ReferencePath(m, leaves), proof);
        Assert.True(MerkleTree.VerifyInclusion(m, n, L(m), proof, ReferenceRoot(leaves)));
    }

    [Theory]
    [MemberData(nameof(EveryLeafOfTreesUpToNine))]
    public void VerifyInclusion_AnythingAltered_Fails(int n, int m)
    {
        var leaves = Leaves(n);
        var proof = MerkleTree.InclusionProof(leaves, m);
        var root = ReferenceRoot(leaves);

        Assert.False(MerkleTree.VerifyInclusion(m, n, L(m + 1), proof, root), "another leaf");
        Assert.False(MerkleTree.VerifyInclusion(m, n, L(m), proof, H(root, root)), "another root");
        Assert.False(MerkleTree.VerifyInclusion(n, n, L(m), proof, root), "index past the end");
        Assert.False(MerkleTree.VerifyInclusion(m, n, L(m), [.. proof, L(0)], root), "an extra element");
        if (proof.Count > 0)
        {
            Assert.False(MerkleTree.VerifyInclusion(m, n, L(m), proof.Take(proof.Count - 1).ToList(), root), "a missing element");
        }

        for (var i = 0; i < proof.Count; i++)
        {
            var altered = proof.Select(p => p.ToArray()).ToList();
            altered[i][0] ^= 1;
            Assert.False(MerkleTree.VerifyInclusion(m, n, L(m), altered, root), $"element {i} altered");
        }

        if (n > 1)
        {
            var other = (m + 1) % n;
            Assert.False(MerkleTree.VerifyInclusion(other, n, L(m), proof, root), "the proof of another index");
        }
    }

    [Fact]
    public void InclusionProof_LargeTree_MatchesRecursiveDefinition()
    {
        var leaves = Leaves(1000);
        var root = ReferenceRoot(leaves);
        foreach (var m in new[] { 0, 1, 511, 512, 513, 998, 999 })
        {
            var proof = MerkleTree.InclusionProof(leaves, m);
            Assert.Equal(ReferencePath(m, leaves), proof);
            Assert.True(MerkleTree.VerifyInclusion(m, 1000, L(m), proof, root));
        }
    }
}
