using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mirrorspace.Security.Passwords;

/// <summary>
/// A stored password hash that says how it was made, in the PHC string style:
/// <c>$pbkdf2-sha256$i=600000$SALT$HASH</c> (salt and hash in unpadded base64). Because the
/// algorithm and work factor travel with the hash, the work factor can be raised at any time:
/// old hashes still verify, and are replaced at the user's next successful sign-in.
/// </summary>
public sealed record PasswordHash(string Algorithm, int Iterations, byte[] Salt, byte[] Hash)
{
    public const string Pbkdf2Sha256 = "pbkdf2-sha256";

    /// <summary>Above this a stored hash is refused as corrupt rather than spent on.</summary>
    public const int MaxIterations = 10_000_000;

    public string Encode() => string.Create(
        CultureInfo.InvariantCulture,
        $"${Algorithm}$i={Iterations}${Convert.ToBase64String(Salt).TrimEnd('=')}${Convert.ToBase64String(Hash).TrimEnd('=')}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out PasswordHash? hash)
    {
        hash = null;
        var parts = text?.Split('$');
        if (parts is not [ "", var algorithm, var parameters, var salt, var digest ]
            || !parameters.StartsWith("i=", StringComparison.Ordinal)
            || !int.TryParse(parameters.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations
            || Decode(salt) is not { Length: >= 8 } saltBytes
            || Decode(digest) is not { Length: >= 16 } hashBytes)
        {
            return false;
        }

        hash = new PasswordHash(algorithm, iterations, saltBytes, hashBytes);
        return true;
    }

    private static byte[]? Decode(string unpadded)
    {
        var padded = unpadded.PadRight(unpadded.Length + ((4 - (unpadded.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
