using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Auth;

internal sealed partial class ApiKeyAuthenticationHandler
{
    /// <summary>
    /// The platform administrator (<c>mpa_…</c>, looked up in its own table). Its principal carries no tenant,
    /// so <see cref="AccessIdentity.From"/> is null and no tenant policy lets it in: only <see cref="Policies.PlatformAdmin"/>.
    /// </summary>
    private async Task<AuthenticateResult> AuthenticatePlatformAsync(string text)
    {
        if (!ApiKeyCodec.TryParse(text, ApiKeyCodec.PlatformPrefix, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail(FailureMessage);
        }

        var key = await store.FindPlatformKeyAsync(keyId, Context.RequestAborted);
        var reason = key switch
        {
            null => "unknown platform key",
            _ when !ApiKeyCodec.Verify(secret, key.SecretHash) => "wrong secret",
            { RevokedAt: not null } => "replaced platform key",
            _ => null,
        };
        if (reason is not null)
        {
            LogRejectedKey(Logger, keyId);
            await audit.RecordAsync(
                new AuditRecord
                {
                    Principal = PlatformPrincipal(keyId),
                    Action = AuditActions.AuthReject,
                    Resource = Request.Path.Value,
                    Outcome = AuditOutcome.Denied,
                    Reason = reason,
                    RemoteAddress = Context.Connection.RemoteIpAddress?.ToString(),
                },
                Context.RequestAborted);
            return AuthenticateResult.Fail(FailureMessage);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(MirrorspaceClaims.Role, MirrorspaceClaims.PlatformAdminRole),
                new Claim(MirrorspaceClaims.Principal, PlatformPrincipal(keyId)),
                new Claim(MirrorspaceClaims.KeyId, keyId),
            ],
            SchemeName,
            nameType: MirrorspaceClaims.Principal,
            roleType: MirrorspaceClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    public static string PlatformPrincipal(string keyId) => $"platform:{keyId}";

    /// <summary>A break-glass grant is the platform reaching into a tenant: each request with it goes into that tenant's audit log.</summary>
    private Task<long> RecordBreakGlassUseAsync(ApiKeyRecord key) => audit.RecordAsync(
        new AuditRecord
        {
            TenantId = key.TenantId,
            Principal = $"breakglass:{key.KeyId}",
            Action = AuditActions.BreakGlassAccess,
            Resource = $"{Request.Method} {Request.Path.Value}",
            Outcome = AuditOutcome.Success,
            Reason = $"issued by {key.IssuedBy ?? "unknown"}",
            RemoteAddress = Context.Connection.RemoteIpAddress?.ToString(),
        },
        Context.RequestAborted);
}
