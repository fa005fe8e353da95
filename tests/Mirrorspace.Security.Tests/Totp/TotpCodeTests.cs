using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Security.Totp;

namespace Mirrorspace.Security.Tests.Totp;

public sealed class TotpCodeTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    /// <summary>RFC 6238, appendix B: every time, for SHA-1, SHA-256 and SHA-512, 8 digits.</summary>
    public static TheoryData<long, string, string, string> Rfc6238Vectors => new()
    {
        { 59, "94287082", "46119246", "90693936" },
        { 1111111109, "07081804", "68084774", "25091201" },
        { 1111111111, "14050471", "67062674", "99943326" },
        { 1234567890, "89005924", "91819424", "93441116" },
        { 2000000000, "69279037", "90698825", "38618901" },
        { 20000000000, "65353130", "77737706", "47863826" },
    };

    [Theory]
    [MemberData(nameof(Rfc6238Vectors))]
    public void Compute_Rfc6238TestVectors(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var step = TotpCode.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(sha1, TotpCode.Compute(Sha1Seed, step, digits: 8));
        Assert.Equal(sha256, TotpCode.Compute(Sha256Seed, step, digits: 8, HashAlgorithmName.SHA256));
        Assert.Equal(sha512, TotpCode.Compute(Sha512Seed, step, digits: 8, HashAlgorithmName.SHA512));

        // Six digits are the last six of eight: the truncation is the same, the modulus smaller.
        Assert.Equal(sha1[2..], TotpCode.Compute(Sha1Seed, step));
    }

    [Fact]
    public void Verify_CurrentAndNeighbouringSteps_AreAcceptedAndReturnTheirStep()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = TotpCode.StepAt(now);

        Assert.Equal(step, TotpCode.Verify(Sha1Seed, TotpCode.Compute(Sha1Seed, step), now, null));
        Assert.Equal(step - 1, TotpCode.Verify(Sha1Seed, TotpCode.Compute(Sha1Seed, step - 1), now, null));
        Assert.Equal(step + 1, TotpCode.Verify(Sha1Seed, TotpCode.Compute(Sha1Seed, step + 1), now, null));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(100)]
    public void Verify_StepOutsideTheWindow_IsRefused(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);

        Assert.Null(TotpCode.Verify(Sha1Seed, TotpCode.Compute(Sha1Seed, TotpCode.StepAt(now) + offset), now, null));
    }

    [Fact]
    public void Verify_StepAtOrBeforeTheLastAccepted_IsRefused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = TotpCode.StepAt(now);
        var code = TotpCode.Compute(Sha1Seed, step);

        Assert.Null(TotpCode.Verify(Sha1Seed, code, now, lastAcceptedStep: step));
        Assert.Null(TotpCode.Verify(Sha1Seed, TotpCode.Compute(Sha1Seed, step - 1), now, lastAcceptedStep: step));
        Assert.Equal(step + 1, TotpCode.Verify(Sha1Seed, TotpCode.Compute(Sha1Seed, step + 1), now, lastAcceptedStep: step));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("１２３４５６")]
    public void Verify_NotSixAsciiDigits_IsRefused(string? code)
    {
        Assert.Null(TotpCode.Verify(Sha1Seed, code, DateTimeOffset.FromUnixTimeSeconds(59), null));
    }

    [Fact]
    public void Verify_AnotherSecretsCode_IsRefused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);

        Assert.Null(TotpCode.Verify(Sha1Seed, TotpCode.Compute(TotpCode.NewSecret(), TotpCode.StepAt(now)), now, null));
    }

    [Fact]
    public void StepAt_IsThirtySecondSteps()
    {
        Assert.Equal(0, TotpCode.StepAt(DateTimeOffset.FromUnixTimeSeconds(29)));
        Assert.Equal(1, TotpCode.StepAt(DateTimeOffset.FromUnixTimeSeconds(30)));
        Assert.Equal(20, TotpCode.NewSecret().Length);
    }
}
