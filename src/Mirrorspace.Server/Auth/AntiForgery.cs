using Microsoft.AspNetCore.Authorization;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Users;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// Every state-changing request (POST, PUT, PATCH, DELETE…) that a session cookie authenticates must
/// carry that session's anti-forgery token in <c>X-CSRF-Token</c>: a cross-site page cannot read the
/// token, so it cannot forge the request even where a browser would send the cookie. The token is
/// compared by hash in constant time; a missing or wrong one answers 403 and is audited. Requests
/// with an API key are not affected (browsers never attach those by themselves), nor anonymous
/// endpoints (signing in), which act on no one's authority.
/// </summary>
internal static class AntiForgery
{
    public const string HeaderName = "X-CSRF-Token";

    public static async Task CheckAsync(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<SessionFeature>() is { } feature
            && !IsSafe(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            var presented = context.Request.Headers[HeaderName];
            if (presented.Count != 1 || !SessionTokens.Matches(presented[0], feature.Active.Session.AntiForgeryHash))
            {
                var audit = context.RequestServices.GetRequiredService<AuditLog>();
                await audit.RecordAsync(
                    new AuditRecord
                    {
                        TenantId = feature.Active.User.TenantId,
                        Principal = Usernames.Principal(feature.Active.User.Username),
                        Action = AuditActions.AntiForgeryReject,
                        Resource = $"{context.Request.Method} {context.Request.Path.Value}",
                        Outcome = AuditOutcome.Denied,
                        Reason = presented.Count == 0 ? "anti-forgery token missing" : "anti-forgery token wrong",
                        RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
                    },
                    context.RequestAborted);
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Anti-forgery token missing or wrong",
                    detail: $"A state-changing request of a browser session must carry the session's anti-forgery token in '{HeaderName}'.")
                    .ExecuteAsync(context);
                return;
            }
        }

        await next();
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
