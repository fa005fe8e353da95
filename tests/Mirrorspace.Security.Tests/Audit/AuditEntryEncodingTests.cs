using Mirrorspace.Security.Audit;

namespace Mirrorspace.Security.Tests.Audit;

public sealed class AuditEntryEncodingTests
{
    private static readonly AuditEntry Minimal = new()
    {
        Sequence = 1,
        Timestamp = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(2),
        Principal = "p",
        Action = "a",
        Outcome = AuditOutcome.Denied,
    };

    [Fact]
    public void Encode_MinimalEntry_IsTheDocumentedBytes()
    {
        var expected = Convert.FromHexString(
            "01" + "0000000000000001" + "0000000000000002" // version, sequence, ticks
            + "00" + "00000001" + "70" + "00000001" + "61" + "00" // no tenant, "p", "a", no resource
            + "00000006" + "64656E696564" // "denied"
            + "00" + "00" + "00" + "00"); // no reason, address, properties, purpose

        Assert.Equal(expected, Minimal.ToCanonicalBytes());
    }

    [Fact]
    public void Encode_AbsentAndEmpty_Differ()
    {
        Assert.NotEqual(Minimal.ToCanonicalBytes(), (Minimal with { Reason = string.Empty }).ToCanonicalBytes());
        Assert.NotEqual(Minimal.ToCanonicalBytes(), (Minimal with { Properties = [] }).ToCanonicalBytes());
    }

    [Fact]
    public void Encode_TextMovedBetweenFields_Differs()
    {
        var a = Minimal with { Principal = "ab", Action = "c" };
        var b = Minimal with { Principal = "a", Action = "bc" };
        var c = Minimal with { Properties = ["x,y"] };
        var d = Minimal with { Properties = ["x", "y"] };

        Assert.NotEqual(a.ToCanonicalBytes(), b.ToCanonicalBytes());
        Assert.NotEqual(c.ToCanonicalBytes(), d.ToCanonicalBytes());
    }

    [Fact]
    public void Encode_SameEntry_IsStable()
    {
        var entry = AuditEntries.Entry(12);

        Assert.Equal(entry.ToCanonicalBytes(), (entry with { }).ToCanonicalBytes());
        Assert.Equal(entry.ToCanonicalBytes(), (entry with { Timestamp = entry.Timestamp.ToOffset(TimeSpan.FromHours(2)) }).ToCanonicalBytes());
    }

    [Fact]
    public void Encode_LoneSurrogate_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => (Minimal with { Reason = "\uD800" }).ToCanonicalBytes());
    }

    [Theory]
    [InlineData("abc", 10, "abc")]
    [InlineData("abcdef", 3, "abc")]
    public void Clean_Text_IsBounded(string input, int maxLength, string expected)
    {
        Assert.Equal(expected, AuditText.Clean(input, maxLength));
    }

    [Fact]
    public void Clean_Surrogates_KeepsPairsAndReplacesLoneOnes()
    {
        // Built here, not in attributes: the test runner's serialization would mangle lone surrogates.
        Assert.Equal("a\uFFFDb", AuditText.Clean("a\uD800b", 10));
        Assert.Equal("a\uFFFDb", AuditText.Clean("a\uDC00b", 10));
        Assert.Equal("a\uD83D\uDE00", AuditText.Clean("a\uD83D\uDE00", 10));
        Assert.Equal("a\uFFFD", AuditText.Clean("a\uD83D\uDE00", 2));
    }
}
