using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Security.ApiKeys;

/// <summary>
/// API keys look like <c>msk_{keyId}_{secret}</c>: the key id finds the stored record, the
/// 256-bit secret proves possession. A recognisable prefix lets secret scanners spot leaked keys.
/// The platform administrator's key has the same shape under its own prefix, <c>mpa_</c>, so the
/// two can never be mistaken for each other.
/// </summary>
public static class ApiKeyCodec
{
    public const string Prefix = "msk_";

    /// <summary>The platform administrator's key: it belongs to no tenant and is looked up in its own table.</summary>
    public const string PlatformPrefix = "mpa_";

    private const int KeyIdBytes = 8;
    private const int SecretBytes = 32;

    public static ApiKeySecret Generate(string prefix = Prefix)
    {
        // Hex, so the key id never contains the separator; the secret after it may.
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return new ApiKeySecret(keyId, $"{prefix}{keyId}_{secret}", HashSecret(secret));
    }

    /// <summary>Whether the text could be a key id <see cref="Generate"/> made: 16 lowercase hex digits.</summary>
    public static bool IsKeyId(string? text) =>
        text is { Length: KeyIdBytes * 2 } && text.All(char.IsAsciiHexDigitLower);

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret) =>
        TryParse(text, Prefix, out keyId, out secret);

    public static bool TryParse(string? text, string prefix, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        keyId = null;
        secret = null;
        if (text is null || text.Length > 128 || !text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = text.AsSpan(prefix.Length);
        var separator = body.IndexOf('_');
        if (separator <= 0 || separator == body.Length - 1)
        {
            return false;
        }

        keyId = body[..separator].ToString();
        secret = body[(separator + 1)..].ToString();
        return true;
    }

    /// <summary>
    /// SHA-256, not a slow password hash: the secret is 256 random bits, so there is nothing to
    /// brute-force, and a slow hash would only tax every request.
    /// </summary>
    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Verify(string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(HashSecret(secret), storedHash);
}
