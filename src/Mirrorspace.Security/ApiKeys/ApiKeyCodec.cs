using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Security.ApiKeys;

/// <summary>
/// API keys look like <c>msk_{keyId}_{secret}</c>: the key id finds the stored record, the
/// 256-bit secret proves possession. A recognisable prefix lets secret scanners spot leaked keys.
/// </summary>
public static class ApiKeyCodec
{
    public const string Prefix = "msk_";
    private const int KeyIdBytes = 8;
    private const int SecretBytes = 32;

    public static ApiKeySecret Generate()
    {
        // Hex, so the key id never contains the separator; the secret after it may.
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return new ApiKeySecret(keyId, $"{Prefix}{keyId}_{secret}", HashSecret(secret));
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = null;
        secret = null;
        if (text is null || text.Length > 128 || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = text.AsSpan(Prefix.Length);
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
