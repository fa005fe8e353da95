using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>The claims of one test token; times come from the node's clock.</summary>
public sealed record TokenClaims
{
    public required string Issuer { get; init; }

    /// <summary>A string, or an array of strings.</summary>
    public required object Audience { get; init; }

    public string? Subject { get; init; } = "alice";

    public IReadOnlyList<string> Groups { get; init; } = ["plant-admins"];

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? Expires { get; init; }

    public IReadOnlyDictionary<string, object> Extra { get; init; } = new Dictionary<string, object>();

    /// <summary>Valid from a minute ago for ten minutes.</summary>
    public static TokenClaims For(string issuer, string audience, TimeProvider clock) => new()
    {
        Issuer = issuer,
        Audience = audience,
        NotBefore = clock.GetUtcNow().AddMinutes(-1),
        Expires = clock.GetUtcNow().AddMinutes(10),
    };

    public Dictionary<string, object> Payload()
    {
        var payload = new Dictionary<string, object>(Extra) { ["iss"] = Issuer, ["aud"] = Audience, ["groups"] = Groups };
        if (Subject is not null)
        {
            payload["sub"] = Subject;
        }

        if (NotBefore is { } nbf)
        {
            payload["nbf"] = nbf.ToUnixTimeSeconds();
            payload["iat"] = nbf.ToUnixTimeSeconds();
        }

        if (Expires is { } exp)
        {
            payload["exp"] = exp.ToUnixTimeSeconds();
        }

        return payload;
    }
}

/// <summary>
/// JWS compact tokens made by hand, so a test controls every byte: genuine ones signed with a test key, and
/// the forgeries an attacker would try (unsigned, HMAC keyed with the public key, a payload swapped under a
/// genuine signature).
/// </summary>
public static class TestTokens
{
    public static string Sign(TestSigningKey key, TokenClaims claims, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(claims);
        var signingInput = SigningInput(Header(key.Algorithm, keyId ?? key.KeyId), claims.Payload());
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = key.Material switch
        {
            RSA rsa when key.Algorithm.StartsWith("PS", StringComparison.Ordinal) => rsa.SignData(data, HashOf(key.Algorithm), RSASignaturePadding.Pss),
            RSA rsa => rsa.SignData(data, HashOf(key.Algorithm), RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("Unknown key type.", nameof(key)),
        };
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary><c>alg: none</c> with an empty signature.</summary>
    public static string WithoutSignature(TokenClaims claims) => $"{SigningInput(Header("none", null), claims.Payload())}.";

    /// <summary>Algorithm confusion: HS256 keyed with the RSA public key's PEM text, which anyone can read from the JWKS.</summary>
    public static string HmacWithPublicKey(TestSigningKey key, TokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(key);
        var secret = Encoding.ASCII.GetBytes(key.Material.ExportSubjectPublicKeyInfoPem());
        var signingInput = SigningInput(Header("HS256", key.KeyId), claims.Payload());
        return $"{signingInput}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)))}";
    }

    /// <summary>A payload written as raw JSON (claims of the wrong type, say) under a genuine signature of the key.</summary>
    public static string SignRaw(TestSigningKey key, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signingInput = $"{Encode(Header(key.Algorithm, key.KeyId))}.{Base64UrlEncoder.Encode(payloadJson)}";
        var signature = ((RSA)key.Material).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>A genuine token's header and signature around another payload.</summary>
    public static string WithPayload(string token, TokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        return $"{parts[0]}.{Encode(claims.Payload())}.{parts[2]}";
    }

    private static Dictionary<string, object> Header(string algorithm, string? keyId)
    {
        var header = new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (keyId is not null)
        {
            header["kid"] = keyId;
        }

        return header;
    }

    private static string SigningInput(Dictionary<string, object> header, Dictionary<string, object> payload) => $"{Encode(header)}.{Encode(payload)}";

    private static string Encode(Dictionary<string, object> members) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(members));

    private static HashAlgorithmName HashOf(string algorithm) => algorithm[2..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };
}
