using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Server.Users;

/// <summary>
/// Session and anti-forgery tokens: 256 random bits each, with a recognisable prefix so secret
/// scanners spot a leaked one. Only their SHA-256 is stored; a presented token is hashed and the
/// hashes compared in constant time. SHA-256 rather than a slow hash: there is nothing to guess in 256 random bits.
/// </summary>
public static class SessionTokens
{
    public const string SessionPrefix = "mss_";
    public const string AntiForgeryPrefix = "msf_";
    private const int TokenBytes = 32;

    /// <summary>Prefix and 43 base64url characters.</summary>
    private const int TokenLength = 4 + 43;

    public static string NewSessionToken() => SessionPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    public static string NewAntiForgeryToken() => AntiForgeryPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    public static bool IsSessionToken(string? token) =>
        token is { Length: TokenLength } && token.StartsWith(SessionPrefix, StringComparison.Ordinal);

    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Whether <paramref name="presented"/> hashes to <paramref name="storedHash"/>; false for none.</summary>
    public static bool Matches(string? presented, byte[] storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return !string.IsNullOrEmpty(presented) && presented.Length <= 256 && CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
    }
}
