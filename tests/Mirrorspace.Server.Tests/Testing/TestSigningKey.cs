using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A local signing key of the test issuer, its algorithm and its public half as a JWK.</summary>
public sealed class TestSigningKey
{
    private TestSigningKey(string keyId, string algorithm, AsymmetricSecurityKey key, AsymmetricAlgorithm material)
    {
        KeyId = keyId;
        Algorithm = algorithm;
        SecurityKey = key;
        Material = material;
    }

    public string KeyId { get; }

    public string Algorithm { get; }

    public AsymmetricSecurityKey SecurityKey { get; }

    /// <summary>The key itself, e.g. to export the public key that an algorithm-confusion attack would use as an HMAC secret.</summary>
    public AsymmetricAlgorithm Material { get; }

    public static TestSigningKey CreateRsa(string keyId, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var rsa = RSA.Create(2048);
        return new TestSigningKey(keyId, algorithm, new RsaSecurityKey(rsa) { KeyId = keyId }, rsa);
    }

    /// <summary>The same RSA key (and id) signing with another algorithm.</summary>
    public static TestSigningKey FromRsa(TestSigningKey key, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new TestSigningKey(key.KeyId, algorithm, key.SecurityKey, key.Material);
    }

    public static TestSigningKey CreateEc(string keyId)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new TestSigningKey(keyId, SecurityAlgorithms.EcdsaSha256, new ECDsaSecurityKey(ec) { KeyId = keyId }, ec);
    }

    /// <summary>The public JWK as a JWKS publishes it (members named as RFC 7517 writes them).</summary>
    public Dictionary<string, string> PublicJwk()
    {
        if (Material is RSA rsa)
        {
            var p = rsa.ExportParameters(includePrivateParameters: false);
            return new() { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId, ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        }

        var ec = ((ECDsa)Material).ExportParameters(includePrivateParameters: false);
        return new() { ["kty"] = "EC", ["use"] = "sig", ["kid"] = KeyId, ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(ec.Q.X), ["y"] = Base64UrlEncoder.Encode(ec.Q.Y) };
    }
}
