using System.Text.RegularExpressions;

namespace Mirrorspace.Server.Users;

/// <summary>
/// Usernames are lowercase, 1-64 of letters, digits and <c>. _ @ -</c>, starting with a letter or digit,
/// so an e-mail address fits, a name is unambiguous whatever its case, and it sits in a URL and in
/// <c>user:NAME</c> unescaped. Sign-in takes a name in any case.
/// </summary>
public static partial class Usernames
{
    public const int MaxLength = 64;

    public static bool IsValid(string? username) => username is not null && Pattern().IsMatch(username);

    /// <summary>The name as stored: ASCII lowercase.</summary>
    public static string Normalize(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        return username.ToLowerInvariant();
    }

    /// <summary>A purpose of use is named like a username, without <c>@</c>.</summary>
    public static bool IsValidPurpose(string? purpose) => purpose is not null && PurposePattern().IsMatch(purpose);

    public static string Principal(string username) => $"user:{username}";

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();
}
