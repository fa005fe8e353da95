using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Security.Totp;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 6 digits, 30-second
/// steps, accepted one step either side of the node's clock. A code is good once: the caller keeps
/// the last accepted step and passes it back, and only a later step is accepted.
/// </summary>
public static class TotpCode
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>Steps accepted either side of the current one, for clock skew and typing time.</summary>
    public const int Window = 1;

    /// <summary>160 bits, the HMAC-SHA1 output size RFC 4226 recommends for a shared secret.</summary>
    public const int SecretBytes = 20;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The step a moment falls in: Unix seconds divided by 30, rounded down.</summary>
    public static long StepAt(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), StepSeconds, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>The code of one step; <paramref name="digits"/> and <paramref name="algorithm"/> other than the defaults only for RFC 6238's test vectors.</summary>
    public static string Compute(ReadOnlySpan<byte> secret, long step, int digits = Digits, HashAlgorithmName? algorithm = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 9);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var name = algorithm ?? HashAlgorithmName.SHA1;
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; HMAC does not rest on SHA-1's collision resistance.
        var mac = name == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(secret, counter)
#pragma warning restore CA5350
            : name == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(secret, counter)
            : name == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(secret, counter)
            : throw new ArgumentOutOfRangeException(nameof(algorithm), name, "TOTP uses SHA-1, SHA-256 or SHA-512.");

        // Dynamic truncation (RFC 4226, 5.3).
        var offset = mac[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(mac.AsSpan(offset, 4)) & 0x7fffffff) % Pow10(digits);
        return binary.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step <paramref name="code"/> belongs to, within the window around <paramref name="now"/> and
    /// after <paramref name="lastAcceptedStep"/>; null when it matches none (wrong, too old, or used).
    /// Every step of the window is computed and compared in constant time, match or not.
    /// </summary>
    public static long? Verify(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now, long? lastAcceptedStep)
    {
        if (code is null || code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var presented = Encoding.ASCII.GetBytes(code);
        var current = StepAt(now);
        long? matched = null;
        for (var step = current - Window; step <= current + Window; step++)
        {
            var expected = Encoding.ASCII.GetBytes(Compute(secret, step));
            if (CryptographicOperations.FixedTimeEquals(expected, presented) && step > (lastAcceptedStep ?? long.MinValue))
            {
                matched = step;
            }
        }

        return matched;
    }

    private static int Pow10(int digits)
    {
        var value = 1;
        for (var i = 0; i < digits; i++)
        {
            value *= 10;
        }

        return value;
    }
}
