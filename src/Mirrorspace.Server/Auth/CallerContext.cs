using System.Security.Claims;

namespace Mirrorspace.Server.Auth;

/// <summary>The authenticated caller as the API needs it: the tenant every store call is scoped to, and a source tag for history.</summary>
internal sealed record CallerContext(string TenantId, string Source)
{
    /// <summary>The twin a device principal reports for; null for users and keys.</summary>
    public static string? DeviceTwin(ClaimsPrincipal user) => user.FindFirstValue(MirrorspaceClaims.Twin);

    /// <summary>The device principal's id; null for users and keys.</summary>
    public static string? Device(ClaimsPrincipal user) => user.FindFirstValue(MirrorspaceClaims.Device);

    public static CallerContext From(ClaimsPrincipal user)
    {
        var tenant = user.FindFirstValue(MirrorspaceClaims.Tenant)
            ?? throw new InvalidOperationException("An authenticated principal without a tenant reached an endpoint.");
        return new CallerContext(tenant, user.FindFirstValue(MirrorspaceClaims.Principal) ?? "unknown");
    }
}
