using Microsoft.AspNetCore.Authorization;
using Mirrorspace.Domain.Access;

namespace Mirrorspace.Server.Auth;

/// <summary>An endpoint's gate: the caller must hold <paramref name="Permission"/> somewhere in its tenant (the endpoint then checks the object).</summary>
/// <param name="AllowsDevices">Whether a device principal passes too (it may only report its own twin's state; the endpoint checks which twin).</param>
internal sealed record PermissionRequirement(Permission Permission, bool AllowsDevices = false) : IAuthorizationRequirement;
