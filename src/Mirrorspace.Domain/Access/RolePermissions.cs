using System.Collections.Frozen;

namespace Mirrorspace.Domain.Access;

/// <summary>The one table of what each role may do; custom policies grant or revoke on top of it.</summary>
public static class RolePermissions
{
    private static readonly Permission[] ViewerRights = [Permission.ReadModels, Permission.ReadTwins];

    private static readonly Permission[] AnalystRights = [.. ViewerRights, Permission.ReadIntegrity];

    private static readonly Permission[] OperatorRights =
    [
        .. AnalystRights, Permission.ManageTwins, Permission.ReportState, Permission.WriteDesired,
        Permission.ReviewQuarantine, Permission.ReadDevices,
    ];

    private static readonly Permission[] AuditorRights = [Permission.ReadModels, Permission.ReadAudit, Permission.ReadAccess, Permission.ReadDevices];

    private static readonly FrozenDictionary<TenantRole, FrozenSet<Permission>> Table = new Dictionary<TenantRole, FrozenSet<Permission>>
    {
        [TenantRole.Viewer] = ViewerRights.ToFrozenSet(),
        [TenantRole.Analyst] = AnalystRights.ToFrozenSet(),
        [TenantRole.Operator] = OperatorRights.ToFrozenSet(),
        [TenantRole.Auditor] = AuditorRights.ToFrozenSet(),
        [TenantRole.Admin] = Enum.GetValues<Permission>().ToFrozenSet(),
    }.ToFrozenDictionary();

    /// <summary>The permissions that change nothing: a role holding only these is read-only (a break-glass grant must be).</summary>
    private static readonly FrozenSet<Permission> Reads = new[]
    {
        Permission.ReadModels, Permission.ReadTwins, Permission.ReadIntegrity, Permission.ReadDevices, Permission.ReadAudit, Permission.ReadAccess,
    }.ToFrozenSet();

    public static FrozenSet<Permission> Of(TenantRole role) => Table[role];

    public static bool IsReadOnly(TenantRole role) => Table[role].IsSubsetOf(Reads);

    public static bool Grants(TenantRole role, Permission permission) => Table[role].Contains(permission);

    /// <summary>The role's name on the wire and in storage: <c>admin</c>, <c>operator</c>, <c>analyst</c>, <c>viewer</c>, <c>auditor</c>.</summary>
    public static string Name(TenantRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out TenantRole role)
    {
        role = default;
        return text is not null && text.All(char.IsAsciiLetterLower) && Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);
    }
}
