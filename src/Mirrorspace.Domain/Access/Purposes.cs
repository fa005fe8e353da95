using System.Text.RegularExpressions;

namespace Mirrorspace.Domain.Access;

/// <summary>The syntax of a purpose of use (<c>treatment</c>, <c>maintenance</c>, <c>incident-response</c>): short, lowercase, no spaces.</summary>
public static partial class Purposes
{
    public static bool IsValid(string? purpose) => purpose is not null && Pattern().IsMatch(purpose);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
