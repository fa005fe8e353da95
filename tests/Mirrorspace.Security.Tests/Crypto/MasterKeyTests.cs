using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Security.Tests.Crypto;

public sealed class MasterKeyTests
{
    [Fact]
    public void ToString_AnyKey_RevealsNothing()
    {
        using var sut = MasterKey.Generate();

        Assert.Equal("MasterKey(redacted)", sut.ToString());
        Assert.DoesNotContain(sut.ExportBase64(), $"{sut}", StringComparison.Ordinal);
    }

    [Fact]
    public void FromBase64_ExportedKey_IsTheSameKey()
    {
        using var original = MasterKey.Generate();

        using var sut = MasterKey.FromBase64($"  {original.ExportBase64()}\n");

        Assert.True(KeyCheckValue.Verify(sut, KeyCheckValue.Create(original)));
    }

    [Fact]
    public void Generate_TwoKeys_Differ()
    {
        using var first = MasterKey.Generate();
        using var second = MasterKey.Generate();

        Assert.NotEqual(first.ExportBase64(), second.ExportBase64());
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("this is not base64 at all, but 44 chars long")]
    [InlineData("")]
    public void FromBase64_Malformed_ThrowsWithoutEchoingTheValue(string value)
    {
        var thrown = Assert.Throws<MasterKeyException>(() => MasterKey.FromBase64(value));

        Assert.Contains("32 bytes", thrown.Message, StringComparison.Ordinal);
        if (value.Length > 0)
        {
            Assert.DoesNotContain(value, thrown.Message, StringComparison.Ordinal);
        }
    }
}
