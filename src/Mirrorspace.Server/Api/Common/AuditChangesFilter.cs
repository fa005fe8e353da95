using System.Security.Claims;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Auth;

namespace Mirrorspace.Server.Api.Common;

/// <summary>
/// Writes every change made through the API — and every refused one — to the audit log: who, what
/// route, which outcome. The request body is never logged: it may carry sensitive values.
/// </summary>
internal sealed class AuditChangesFilter(AuditLog audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var http = context.HttpContext;

        // An anonymous caller reaches only anonymous endpoints (signing in), which audit their own outcome.
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || http.User.FindFirst(MirrorspaceClaims.Tenant) is null)
        {
            return result;
        }

        var status = StatusOf(result) ?? http.Response.StatusCode;
        await audit.RecordAsync(
            new AuditRecord
            {
                // The platform administrator names no tenant: its changes go into the platform's part of the log.
                TenantId = http.User.FindFirstValue(MirrorspaceClaims.Tenant),
                Principal = http.User.FindFirstValue(MirrorspaceClaims.Principal) ?? "unknown",
                Action = AuditActions.ApiChangePrefix + http.Request.Method.ToLowerInvariant(),
                Resource = http.Request.Path.Value,
                Outcome = status < 400 ? AuditOutcome.Success : status is 403 or 404 or 409 or 412 ? AuditOutcome.Denied : AuditOutcome.Failed,
                Reason = $"HTTP {status}",
                RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            },
            http.RequestAborted);
        return result;
    }

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult withStatus => withStatus.StatusCode,
        _ => null,
    };
}
