using Mirrorspace.Domain.Access;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// Authorization policy names: one per permission (<see cref="Of"/>), so an endpoint names what it
/// needs, not who may do it; <see cref="RolePermissions"/> decides who that is.
/// </summary>
internal static class Policies
{
    private const string Prefix = "permission:";

    /// <summary>Any person or service of a tenant, whatever its role: for pages that describe the API and hold no tenant data.</summary>
    public const string AnyTenantPrincipal = "tenant-principal";

    /// <summary>Reporting state: people and services with <see cref="Permission.ReportState"/>, or a device for its own twin (the endpoint checks which twin).</summary>
    public const string ReportState = "report-state";

    /// <summary>The platform administrator, who belongs to no tenant: creates tenants and grants break-glass access, and passes no other policy.</summary>
    public const string PlatformAdmin = "platform-admin";

    /// <summary>The signed-in user named by the route's <c>{username}</c>, and no one else: changing one's own password.</summary>
    public const string Self = "self";

    /// <summary>Managing access, or the signed-in user named by the route's <c>{username}</c>: enrolling and confirming a second factor.</summary>
    public const string ManageAccessOrSelf = "manage-access-or-self";

    public static string Of(Permission permission) => Prefix + permission;

    public static bool TryParse(string policy, out Permission permission)
    {
        permission = default;
        return policy.StartsWith(Prefix, StringComparison.Ordinal) && Enum.TryParse(policy[Prefix.Length..], out permission);
    }

    public const string ReadModels = Prefix + nameof(Permission.ReadModels);
    public const string ManageModels = Prefix + nameof(Permission.ManageModels);
    public const string ReadTwins = Prefix + nameof(Permission.ReadTwins);
    public const string ManageTwins = Prefix + nameof(Permission.ManageTwins);
    public const string WriteDesired = Prefix + nameof(Permission.WriteDesired);
    public const string ReadIntegrity = Prefix + nameof(Permission.ReadIntegrity);
    public const string ReviewQuarantine = Prefix + nameof(Permission.ReviewQuarantine);
    public const string ReadDevices = Prefix + nameof(Permission.ReadDevices);
    public const string ManageDevices = Prefix + nameof(Permission.ManageDevices);
    public const string ManageConnectors = Prefix + nameof(Permission.ManageConnectors);
    public const string ManageShares = Prefix + nameof(Permission.ManageShares);
    public const string ReadAudit = Prefix + nameof(Permission.ReadAudit);
    public const string ReadAccess = Prefix + nameof(Permission.ReadAccess);
    public const string ManageAccess = Prefix + nameof(Permission.ManageAccess);
}
