using System.Security.Claims;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Server.Auth;

/// <summary>The 403 every scheme answers when a caller's role or policy does not allow an operation, audited alike.</summary>
internal static class Refusals
{
    public static async Task ForbiddenAsync(HttpContext context, AuditLog audit)
    {
        await audit.RecordAsync(
            new AuditRecord
            {
                TenantId = context.User.FindFirstValue(MirrorspaceClaims.Tenant),
                // As authentication failures name it: the key id or the device id.
                Principal = context.User.FindFirstValue(MirrorspaceClaims.KeyId) ?? context.User.FindFirstValue(MirrorspaceClaims.Device)
                    ?? context.User.FindFirstValue(MirrorspaceClaims.Principal) ?? "unknown",
                Action = AuditActions.AuthForbidden,
                Resource = $"{context.Request.Method} {context.Request.Path.Value}",
                Outcome = AuditOutcome.Denied,
                Reason = $"role {context.User.FindFirstValue(MirrorspaceClaims.Role)}",
                RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
            },
            context.RequestAborted);
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "Your role or the tenant's access policy does not allow this operation.").ExecuteAsync(context);
    }
}
