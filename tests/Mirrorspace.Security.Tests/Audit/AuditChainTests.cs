using System.Security.Cryptography;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Security.Tests.Audit;

public sealed class AuditChainTests
{
    [Fact]
    public void Genesis_Is32ZeroBytes()
    {
        Assert.Equal(new byte[32], AuditChain.Genesis.ToArray());
    }

    [Fact]
    public void LinkAll_Entries_EachHashCommitsToThePreviousOne()
    {
        var sut = AuditEntries.Chain(3);

        var previous = new byte[32];
        foreach (var row in sut)
        {
            Assert.Equal(SHA256.HashData([.. previous, .. row.Entry.ToCanonicalBytes()]), row.Hash);
            previous = row.Hash;
        }
    }

    [Fact]
    public void Next_LargeEntry_HashesPreviousAndEntry()
    {
        var large = new byte[5000];
        large[4999] = 7;

        Assert.Equal(SHA256.HashData([.. new byte[32], .. large]), AuditChain.Next(AuditChain.Genesis, large));
    }

    [Fact]
    public void LinkAll_OneEntryChanged_ChangesEveryLaterHash()
    {
        var original = AuditEntries.Chain(5);
        var entries = original.Select(r => r.Entry).ToList();
        entries[1] = entries[1] with { Reason = "edited" };

        var sut = AuditChain.LinkAll(AuditChain.Genesis, entries);

        Assert.Equal(original[0].Hash, sut[0].Hash);
        Assert.All(Enumerable.Range(1, 4), i => Assert.NotEqual(original[i].Hash, sut[i].Hash));
    }
}
