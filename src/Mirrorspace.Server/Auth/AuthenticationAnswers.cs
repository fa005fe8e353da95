using System.Security.Claims;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Server.Auth;

/// <summary>The 401 and 403 answers every authentication scheme gives, so a caller sees one API whatever credential it sent.</summary>
internal static class AuthenticationAnswers
{
    public static async Task ChallengeAsync(HttpContext context, string wwwAuthenticate, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required", detail: detail).ExecuteAsync(context);
    }

    /// <summary>A 403, recorded as a security event under the principal as its authentication failures name it.</summary>
    public static async Task ForbidAsync(HttpContext context, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(audit);
        var user = context.User;
        await audit.RecordAsync(
            new AuditRecord
            {
                TenantId = user.FindFirstValue(MirrorspaceClaims.Tenant),
                // The key id, the device id, or the principal (oidc:PROVIDER:SUB).
                Principal = user.FindFirstValue(MirrorspaceClaims.KeyId) ?? user.FindFirstValue(MirrorspaceClaims.Device)
                    ?? user.FindFirstValue(MirrorspaceClaims.Principal) ?? "unknown",
                Action = AuditActions.AuthForbidden,
                Resource = $"{context.Request.Method} {context.Request.Path.Value}",
                Outcome = AuditOutcome.Denied,
                Reason = $"role {user.FindFirstValue(MirrorspaceClaims.Role)}",
                RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
            },
            context.RequestAborted);
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "Your role or the tenant's access policy does not allow this operation.").ExecuteAsync(context);
    }
}
