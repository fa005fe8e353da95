using System.Text;
using Mirrorspace.Security.Totp;

namespace Mirrorspace.Security.Tests.Totp;

public sealed class Base32Tests
{
    /// <summary>RFC 4648, section 10, without the padding authenticator apps leave out.</summary>
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void EncodeAndDecode_Rfc4648Vectors(string text, string base32)
    {
        Assert.Equal(base32, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.True(Base32.TryDecode(base32, out var decoded));
        Assert.Equal(text, Encoding.ASCII.GetString(decoded));
        Assert.True(Base32.TryDecode(base32.ToLowerInvariant() + "==", out var lower));
        Assert.Equal(text, Encoding.ASCII.GetString(lower));
    }

    [Theory]
    [InlineData("MZXW1")]
    [InlineData("MZ-XW")]
    public void TryDecode_OutsideTheAlphabet_Fails(string text)
    {
        Assert.False(Base32.TryDecode(text, out _));
    }

    [Fact]
    public void Enrolment_UriCarriesIssuerAccountSecretAndParameters()
    {
        var enrolment = TotpEnrolment.For(Encoding.ASCII.GetBytes("12345678901234567890"), "city-water/ada@example.org");

        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", enrolment.Secret);
        Assert.Equal(
            "otpauth://totp/Mirrorspace%3Acity-water%2Fada%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Mirrorspace&algorithm=SHA1&digits=6&period=30",
            enrolment.OtpauthUri);
    }
}
