using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Security.Passwords;

/// <summary>What checking a password against a stored hash found.</summary>
public enum PasswordVerification
{
    /// <summary>Wrong password, or a stored value that is not a hash this build can check.</summary>
    Failed,

    Verified,

    /// <summary>Right password, hashed with an older algorithm or a lower work factor: store <see cref="PasswordHasher.Hash"/> of it now.</summary>
    VerifiedNeedsRehash,
}

/// <summary>
/// PBKDF2-HMAC-SHA256 (built into .NET) at OWASP's 2023 work factor: 600,000 iterations, a 16-byte
/// random salt per password, a 32-byte hash. Verification recomputes with the stored parameters and
/// compares in constant time. Every verification spends the same work, whether or not there is a
/// real hash to check (<see cref="SpendVerificationTime"/>), so timing does not tell which users exist.
/// </summary>
public sealed class PasswordHasher
{
    public const int CurrentIterations = 600_000;
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    private readonly PasswordHash _dummy;

    /// <param name="iterations">The work factor new hashes get; lower only in tests, never below what is stored.</param>
    public PasswordHasher(int iterations = CurrentIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, PasswordHash.MaxIterations);
        Iterations = iterations;
        _dummy = new PasswordHash(PasswordHash.Pbkdf2Sha256, iterations, RandomNumberGenerator.GetBytes(SaltBytes), new byte[HashBytes]);
    }

    public int Iterations { get; }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(PasswordHash.Pbkdf2Sha256, Iterations, salt, Derive(password, salt, Iterations, HashBytes)).Encode();
    }

    public PasswordVerification Verify(string password, string? stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!PasswordHash.TryParse(stored, out var hash) || hash.Algorithm != PasswordHash.Pbkdf2Sha256)
        {
            SpendVerificationTime(password);
            return PasswordVerification.Failed;
        }

        var computed = Derive(password, hash.Salt, hash.Iterations, hash.Hash.Length);
        if (!CryptographicOperations.FixedTimeEquals(computed, hash.Hash))
        {
            return PasswordVerification.Failed;
        }

        return hash.Iterations < Iterations || hash.Salt.Length < SaltBytes || hash.Hash.Length < HashBytes
            ? PasswordVerification.VerifiedNeedsRehash
            : PasswordVerification.Verified;
    }

    /// <summary>Does the work of one verification at the current work factor, for a sign-in that has no hash to check (unknown user).</summary>
    public void SpendVerificationTime(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var computed = Derive(password, _dummy.Salt, _dummy.Iterations, HashBytes);
        _ = CryptographicOperations.FixedTimeEquals(computed, _dummy.Hash);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);
}
