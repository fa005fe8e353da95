using Microsoft.AspNetCore.Authorization;
using Mirrorspace.Domain.Access;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// An endpoint's gate: lets a request through when its caller could hold the permission somewhere in its
/// tenant, by role or by the tenant's policy; the endpoint then decides on the object itself.
/// </summary>
internal sealed class PermissionHandler(TenantAccessPolicies policies) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (requirement.AllowsDevices && context.User.FindFirst(MirrorspaceClaims.Role)?.Value == MirrorspaceClaims.DeviceRole)
        {
            context.Succeed(requirement);
            return;
        }

        if (AccessIdentity.From(context.User) is not { } identity)
        {
            return;
        }

        var cancellation = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        var policy = (await policies.GetAsync(identity.TenantId, cancellation)).Policy;
        if (AccessEvaluator.MayHoldAnywhere(policy, new AccessSubject(identity.Principal, identity.Role), requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
