using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Security.Devices;

namespace Mirrorspace.Server.Auth;

internal sealed partial class ApiKeyAuthenticationHandler
{
    private const string DeviceFailureMessage = "The device credential is not valid.";

    /// <summary>A device's principal carries the role <c>device</c>, which no tenant policy grants: it may only report for its own twin.</summary>
    private async Task<AuthenticateResult> AuthenticateDeviceAsync(string secret)
    {
        var device = DeviceCredentials.TryReadDeviceId(secret, out var deviceId)
            ? await devices.FindAsync(deviceId, Context.RequestAborted)
            : null;
        var reason = device switch
        {
            null => "unknown device",
            { SecretHash: null } => "device uses a client certificate",
            _ when !DeviceCredentials.Verify(secret, device.SecretHash) => "wrong secret",
            { Enabled: false } => "device disabled",
            _ => null,
        };
        if (reason is not null)
        {
            await audit.RecordAsync(
                new AuditRecord
                {
                    TenantId = device?.TenantId,
                    Principal = deviceId ?? "unknown device",
                    Action = AuditActions.AuthReject,
                    Resource = Request.Path.Value,
                    Outcome = AuditOutcome.Denied,
                    Reason = reason,
                    RemoteAddress = Context.Connection.RemoteIpAddress?.ToString(),
                },
                Context.RequestAborted);
            return AuthenticateResult.Fail(DeviceFailureMessage);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(MirrorspaceClaims.Tenant, device!.TenantId),
                new Claim(MirrorspaceClaims.Role, MirrorspaceClaims.DeviceRole),
                new Claim(MirrorspaceClaims.Principal, $"https:{device.DeviceId}"),
                new Claim(MirrorspaceClaims.Device, device.DeviceId),
                new Claim(MirrorspaceClaims.Twin, device.TwinId),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
