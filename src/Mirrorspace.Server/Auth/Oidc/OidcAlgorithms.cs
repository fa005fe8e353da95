using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>
/// The JWS algorithms a provider may pin: asymmetric only. <c>none</c> signs nothing, and HS* would make
/// the issuer's public key a shared secret that anyone can read from its JWKS (algorithm confusion).
/// </summary>
internal static class OidcAlgorithms
{
    private const int MinimumRsaBits = 2048;

    /// <summary>Each algorithm, with the key type and (for ECDSA) the curve its keys must have.</summary>
    private static readonly FrozenDictionary<string, (string KeyType, string? Curve)> Allowed = new Dictionary<string, (string, string?)>(StringComparer.Ordinal)
    {
        ["RS256"] = ("RSA", null),
        ["RS384"] = ("RSA", null),
        ["RS512"] = ("RSA", null),
        ["PS256"] = ("RSA", null),
        ["PS384"] = ("RSA", null),
        ["PS512"] = ("RSA", null),
        ["ES256"] = ("EC", "P-256"),
        ["ES384"] = ("EC", "P-384"),
        ["ES512"] = ("EC", "P-521"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Names => Allowed.Keys.Order(StringComparer.Ordinal);

    public static bool IsAllowed(string? algorithm) => algorithm is not null && Allowed.ContainsKey(algorithm);

    /// <summary>
    /// Whether a key of the issuer's JWKS may verify a token signed with <paramref name="algorithm"/>: the
    /// key type and curve match, the key is for signatures, and a key that names its algorithm names this one.
    /// </summary>
    public static bool Fits(string algorithm, JsonWebKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!Allowed.TryGetValue(algorithm, out var expected) || key.Kty != expected.KeyType
            || key.Use is not (null or "" or "sig") || key.Alg is { Length: > 0 } named && named != algorithm)
        {
            return false;
        }

        return expected.KeyType == "RSA"
            ? key.N is { Length: > 0 } n && Base64UrlEncoder.DecodeBytes(n).SkipWhile(b => b == 0).Count() * 8 >= MinimumRsaBits
            : key.Crv == expected.Curve;
    }
}
