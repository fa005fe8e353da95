using Microsoft.AspNetCore.Authorization;

namespace Mirrorspace.Server.Auth;

/// <summary>Lets a request through an endpoint's gate when the caller's role holds the permission.</summary>
internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (requirement.AllowsDevices && context.User.FindFirst(MirrorspaceClaims.Role)?.Value == MirrorspaceClaims.DeviceRole)
        {
            context.Succeed(requirement);
        }
        else if (AccessIdentity.From(context.User) is { } identity && Domain.Access.RolePermissions.Grants(identity.Role, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
