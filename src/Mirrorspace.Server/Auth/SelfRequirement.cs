using Microsoft.AspNetCore.Authorization;
using Mirrorspace.Domain.Access;
using Mirrorspace.Server.Users;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// The caller is the signed-in user the route's <c>{username}</c> names, or (when <paramref name="OrPermission"/>
/// is given) holds that permission. For what a person does to their own account: change their password,
/// enrol their second factor.
/// </summary>
internal sealed record SelfRequirement(Permission? OrPermission) : IAuthorizationRequirement;

internal sealed class SelfHandler : AuthorizationHandler<SelfRequirement>
{
    public const string RouteParameter = "username";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SelfRequirement requirement)
    {
        if (AccessIdentity.From(context.User) is not { } identity)
        {
            return Task.CompletedTask;
        }

        if (requirement.OrPermission is { } permission && RolePermissions.Grants(identity.Role, permission))
        {
            context.Succeed(requirement);
        }
        else if (context.Resource is HttpContext http
            && http.Features.Get<SessionFeature>() is { } session
            && http.GetRouteValue(RouteParameter) is string username
            && string.Equals(Usernames.Principal(session.Active.User.Username), identity.Principal, StringComparison.Ordinal)
            && string.Equals(session.Active.User.Username, username, StringComparison.Ordinal))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
