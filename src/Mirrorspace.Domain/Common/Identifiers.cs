using System.Text.RegularExpressions;

namespace Mirrorspace.Domain.Common;

/// <summary>
/// Syntax of the identifiers that appear in URLs, MQTT topics and grain keys.
/// Keeping them narrow means they never need escaping and never contain a path separator.
/// </summary>
public static partial class Identifiers
{
    public const int MaxLength = 128;

    public static bool IsValidTenantId(string? value) => value is not null && TenantIdPattern().IsMatch(value);

    public static bool IsValidModelId(string? value) => value is not null && ModelIdPattern().IsMatch(value);

    public static bool IsValidTwinId(string? value) => value is not null && TwinIdPattern().IsMatch(value);

    public static bool IsValidName(string? value) => value is not null && NamePattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TwinIdPattern();

    // Property, telemetry, command and relationship names: JSON member names that stay valid identifiers.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
