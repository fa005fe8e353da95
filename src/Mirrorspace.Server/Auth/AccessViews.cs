using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Server.Api.Common;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// Builds each request's <see cref="AccessView"/> once, before the endpoint runs, and refuses a declared
/// purpose of use the tenant does not recognise or the credential may not declare.
/// </summary>
internal sealed class AccessViews(TenantAccessPolicies policies) : IEndpointFilter
{
    public const string PurposeHeader = "X-Purpose";
    private static readonly object ViewKey = new();

    /// <summary>The caller's view; null for a device, which reaches only its own twin's reporting endpoint.</summary>
    public static AccessView? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(ViewKey, out var view) ? (AccessView)view! : null;
    }

    /// <summary>The caller's view, for endpoints only people and services reach.</summary>
    public static AccessView Required(HttpContext http) =>
        Of(http) ?? throw new InvalidOperationException("An endpoint for people and services was reached without an access view.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (AccessIdentity.From(http.User) is { } identity)
        {
            var policy = (await policies.GetAsync(identity.TenantId, http.RequestAborted)).Policy;
            var declared = http.Request.Headers[PurposeHeader].ToString();
            if (declared.Length > 0 && PurposeProblem(identity, policy, declared) is { } problem)
            {
                return problem;
            }

            http.Items[ViewKey] = new AccessView(identity, policy, declared.Length > 0 ? declared : identity.Purpose);
        }

        return await next(context);
    }

    private static ProblemHttpResult? PurposeProblem(AccessIdentity identity, Domain.Access.AccessPolicy policy, string declared) =>
        identity.Purpose is { } bound && !string.Equals(bound, declared, StringComparison.Ordinal)
            ? Problems.BadRequest("Purpose not allowed", $"This credential declares the purpose '{bound}' and no other.", PurposeHeader)
            : !policy.Recognises(declared)
                ? Problems.BadRequest("Unknown purpose", $"The tenant's access policy does not recognise the purpose '{declared}'.", PurposeHeader)
                : null;
}
