using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Security.Signatures;

namespace Mirrorspace.Security.Tests.Signatures;

/// <summary>Every way to pass off a forged or altered reading is refused.</summary>
public class JwsVerifierForgeryTests
{
    private static readonly byte[] HmacKey = Base64Url.DecodeFromChars(JwsVerifierRfcExamplesTests.Rfc7515HmacKey);

    [Fact]
    public void Verify_AlgNone_IsRefused()
    {
        using var key = DeviceSigningKey.Hs256(HmacKey);
        var unsigned = $"{Part("""{"alg":"none"}""")}.{Part("""{"speed":1}""")}.";

        Assert.Equal(JwsFailure.AlgorithmNotAllowed, JwsVerifier.Verify(unsigned, key).Failure);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x6C, 0x67, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })] // {"alg":"\xC3("}
    [InlineData(new byte[] { 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x2C, 0x22, 0x61, 0x6C, 0x67, 0x22, 0x3A, 0x22, 0x48, 0x53, 0x32, 0x35, 0x36, 0x22, 0x7D })] // {"\xFF":1,"alg":"HS256"}
    public void Verify_HeaderThatIsNotUtf8_IsMalformedNotAnError(byte[] header)
    {
        using var key = DeviceSigningKey.Hs256(HmacKey);
        var compact = $"{Base64Url.EncodeToString(header)}.{Part("""{"speed":1}""")}.{Base64Url.EncodeToString(new byte[32])}";

        Assert.Equal(JwsFailure.Malformed, JwsVerifier.Verify(compact, key).Failure);
    }

    [Fact]
    public void Verify_Hs256SignedWithThePublicKeyOfAnEs256Device_IsRefused()
    {
        // Algorithm confusion: the attacker knows the device's public key and uses it as an HMAC secret.
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicPem = device.ExportSubjectPublicKeyInfoPem();
        using var pinned = DeviceSigningKey.Es256(publicPem);
        var forged = Sign(Encoding.ASCII.GetBytes(publicPem), """{"alg":"HS256"}""", """{"speed":1}""");

        Assert.Equal(JwsFailure.AlgorithmNotAllowed, JwsVerifier.Verify(forged, pinned).Failure);
    }

    [Fact]
    public void Verify_PayloadChanged_IsRefused()
    {
        using var key = DeviceSigningKey.Hs256(HmacKey);
        var parts = Sign(HmacKey, """{"alg":"HS256"}""", """{"speed":1}""").Split('.');
        var tampered = $"{parts[0]}.{Part("""{"speed":3000}""")}.{parts[2]}";

        Assert.Equal(JwsFailure.BadSignature, JwsVerifier.Verify(tampered, key).Failure);
    }

    [Fact]
    public void Verify_HeaderChanged_IsRefused()
    {
        using var key = DeviceSigningKey.Hs256(HmacKey);
        var parts = Sign(HmacKey, """{"alg":"HS256"}""", """{"speed":1}""").Split('.');
        var tampered = $"{Part("""{"alg":"HS256","kid":"x"}""")}.{parts[1]}.{parts[2]}";

        Assert.Equal(JwsFailure.BadSignature, JwsVerifier.Verify(tampered, key).Failure);
    }

    [Fact]
    public void Verify_AnotherDevicesKey_IsRefused()
    {
        using var key = DeviceSigningKey.Hs256(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(JwsFailure.BadSignature, JwsVerifier.Verify(Sign(HmacKey, """{"alg":"HS256"}""", """{"speed":1}"""), key).Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData(".eyJzcGVlZCI6MX0.AAAA")]
    [InlineData("e30.e30.!!!")]
    public void Verify_NotThreeBase64UrlParts_IsMalformed(string text)
    {
        using var key = DeviceSigningKey.Hs256(HmacKey);

        Assert.Equal(JwsFailure.Malformed, JwsVerifier.Verify(text, key).Failure);
    }

    [Theory]
    [InlineData("""{"alg":"HS256","crit":["exp"],"exp":1}""")]
    [InlineData("""{"alg":"HS256","b64":false,"crit":["b64"]}""")]
    public void Verify_CriticalExtensions_AreRefused(string header)
    {
        using var key = DeviceSigningKey.Hs256(HmacKey);

        Assert.Equal(JwsFailure.UnsupportedHeader, JwsVerifier.Verify(Sign(HmacKey, header, """{"speed":1}"""), key).Failure);
    }

    [Fact]
    public void Verify_DuplicateAlg_IsMalformed()
    {
        using var key = DeviceSigningKey.Hs256(HmacKey);

        Assert.Equal(JwsFailure.Malformed, JwsVerifier.Verify(Sign(HmacKey, """{"alg":"none","alg":"HS256"}""", "{}"), key).Failure);
    }

    [Fact]
    public void Verify_TruncatedSignature_IsRefused()
    {
        using var key = DeviceSigningKey.Hs256(HmacKey);
        var valid = Sign(HmacKey, """{"alg":"HS256"}""", """{"speed":1}""");

        Assert.All(new[] { valid[..^4], valid[..^1], valid[..(valid.LastIndexOf('.') + 1)] }, truncated => Assert.False(JwsVerifier.Verify(truncated, key).IsValid));
    }

    [Fact]
    public void Verify_Es256RoundTrip_AcceptsTheSignerAndNobodyElse()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var pinned = DeviceSigningKey.Es256(signer.ExportSubjectPublicKeyInfoPem());
        var input = $"{Part("""{"alg":"ES256"}""")}.{Part("""{"speed":1}""")}";
        string SignWith(ECDsa key) => $"{input}.{Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256))}";

        Assert.True(JwsVerifier.Verify(SignWith(signer), pinned).IsValid);
        Assert.Equal(JwsFailure.BadSignature, JwsVerifier.Verify(SignWith(other), pinned).Failure);
    }

    [Fact]
    public void Hs256_ShortKey_IsRefused() =>
        Assert.Throws<ArgumentException>(() => DeviceSigningKey.Hs256(new byte[16]));

    internal static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    internal static string Sign(byte[] key, string header, string payload)
    {
        var input = $"{Part(header)}.{Part(payload)}";
        return $"{input}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)))}";
    }
}
