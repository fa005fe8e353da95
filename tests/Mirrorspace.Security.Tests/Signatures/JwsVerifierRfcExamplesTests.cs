using System.Buffers.Text;
using System.Text;
using Mirrorspace.Security.Signatures;

namespace Mirrorspace.Security.Tests.Signatures;

/// <summary>The published examples: RFC 7515 Appendix A.1 (HS256) and RFC 8037 Appendix A.4 (Ed25519).</summary>
public class JwsVerifierRfcExamplesTests
{
    internal const string Rfc7515HmacKey = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

    internal const string Rfc7515Hs256 =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    internal const string Rfc8037PublicKey = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    internal const string Rfc8037EdDsa =
        "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
        + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    [Fact]
    public void Verify_Rfc7515Hs256Example_ReturnsItsPayload()
    {
        using var key = DeviceSigningKey.Hs256(Base64Url.DecodeFromChars(Rfc7515HmacKey));

        var result = JwsVerifier.Verify(Rfc7515Hs256, key);

        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}", Encoding.UTF8.GetString(result.Payload!));
    }

    [Fact]
    public void Verify_Rfc8037EdDsaExample_ReturnsItsPayload()
    {
        using var key = DeviceSigningKey.EdDsa(Base64Url.DecodeFromChars(Rfc8037PublicKey));

        var result = JwsVerifier.Verify(Rfc8037EdDsa, key);

        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal("Example of Ed25519 signing", Encoding.UTF8.GetString(result.Payload!));
    }
}
