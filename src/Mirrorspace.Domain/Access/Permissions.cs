using System.Text.Json;

namespace Mirrorspace.Domain.Access;

/// <summary>Permissions' names in policy documents: camel case, e.g. <c>readTwins</c>.</summary>
public static class Permissions
{
    private static readonly Dictionary<string, Permission> ByName =
        Enum.GetValues<Permission>().ToDictionary(Name, p => p, StringComparer.Ordinal);

    public static string Name(Permission permission) => JsonNamingPolicy.CamelCase.ConvertName(permission.ToString());

    public static bool TryParse(string? name, out Permission permission)
    {
        permission = default;
        return name is not null && ByName.TryGetValue(name, out permission);
    }

    public static IEnumerable<string> AllNames => ByName.Keys;

    /// <summary>
    /// Permissions on twins, which policy entries may grant or revoke per model, twin and property; every
    /// other permission is tenant-wide, so only an entry on <c>*</c> touches it.
    /// </summary>
    public static bool IsPerTwin(Permission permission) => permission is Permission.ReadTwins or Permission.ManageTwins
        or Permission.ReportState or Permission.WriteDesired or Permission.ReadIntegrity or Permission.ReviewQuarantine;
}
