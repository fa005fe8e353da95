using System.Security.Claims;

namespace Mirrorspace.Server.Auth;

/// <summary>The authenticated caller as the API needs it: the tenant every store call is scoped to, and a source tag for history.</summary>
internal sealed record CallerContext(string TenantId, string Source)
{
    public static CallerContext From(ClaimsPrincipal user)
    {
        var tenant = user.FindFirstValue(MirrorspaceClaims.Tenant)
            ?? throw new InvalidOperationException("An authenticated principal without a tenant reached an endpoint.");
        var keyId = user.FindFirstValue(MirrorspaceClaims.KeyId) ?? "unknown";
        return new CallerContext(tenant, $"apikey:{keyId}");
    }
}
