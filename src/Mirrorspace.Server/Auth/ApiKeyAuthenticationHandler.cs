using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Security.Devices;
using Mirrorspace.Storage.Devices;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer msk_…</c> or <c>X-Api-Key</c>, and devices reporting over
/// HTTPS with <c>Authorization: Bearer msd_…</c> (their secret; see <c>DeviceCredentials</c>). For the API reference pages
/// only, the key is also accepted as the password of HTTP Basic, so a browser can open them
/// through its own login prompt; Basic is refused everywhere else because browsers replay it on
/// cross-site requests.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ITwinSpaceStore store,
    IDeviceStore devices,
    TimeProvider clock,
    AuditLog audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string FailureMessage = "The API key is not valid.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var text = ReadPresentedKey();
        if (text is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (text.StartsWith(DeviceCredentials.SecretPrefix, StringComparison.Ordinal))
        {
            return await AuthenticateDeviceAsync(text);
        }

        if (!ApiKeyCodec.TryParse(text, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail(FailureMessage);
        }

        var key = await store.FindApiKeyAsync(keyId, Context.RequestAborted);
        if (key is null || !ApiKeyCodec.Verify(secret, key.SecretHash) || key.ExpiresAt <= clock.GetUtcNow() || key.RevokedAt is not null
            || Identity(key) is not { } identity)
        {
            LogRejectedKey(Logger, keyId);
            await RecordRejectionAsync(keyId, key, secret);
            return AuthenticateResult.Fail(FailureMessage);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));
    }

    /// <summary>The key's identity; null for a stored role or clearance this build does not know, which authenticates nothing.</summary>
    private static AccessIdentity? Identity(ApiKeyRecord key) =>
        RolePermissions.TryParse(key.Role, out var role) && DataClassifications.TryParse(key.Clearance, out var clearance)
            ? new AccessIdentity(key.TenantId, $"apikey:{key.KeyId}", role, clearance, key.Purpose, key.Scopes, key.KeyId)
            : null;

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = IsReferencePage() ? "Basic realm=\"mirrorspace\", charset=\"UTF-8\"" : "Bearer";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
            detail: "Send an API key as 'Authorization: Bearer <key>'.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Refusals.ForbiddenAsync(Context, audit);

    private string? ReadPresentedKey()
    {
        if (Request.Headers.TryGetValue("X-Api-Key", out var headerKey))
        {
            return headerKey.ToString();
        }

        var authorization = Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && IsReferencePage() && HttpMethods.IsGet(Request.Method))
        {
            return DecodeBasicPassword(authorization["Basic ".Length..].Trim());
        }

        return null;
    }

    private bool IsReferencePage() =>
        Request.Path.StartsWithSegments("/openapi") || Request.Path.StartsWithSegments("/scalar");

    private static string? DecodeBasicPassword(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A security event in the audit log: the key id, never the secret; the tenant when the key id is real.</summary>
    private Task<long> RecordRejectionAsync(string keyId, ApiKeyRecord? key, string secret) => audit.RecordAsync(
        new AuditRecord
        {
            TenantId = key?.TenantId,
            Principal = keyId,
            Action = AuditActions.AuthReject,
            Resource = Request.Path.Value,
            Outcome = AuditOutcome.Denied,
            Reason = key switch
            {
                null => "unknown key",
                _ when !ApiKeyCodec.Verify(secret, key.SecretHash) => "wrong secret",
                { RevokedAt: not null } => "revoked key",
                _ when key.ExpiresAt <= clock.GetUtcNow() => "expired key",
                _ => $"unknown role '{key.Role}' or clearance '{key.Clearance}'",
            },
            RemoteAddress = Context.Connection.RemoteIpAddress?.ToString(),
        },
        Context.RequestAborted);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Rejected API key {KeyId}")]
    private static partial void LogRejectedKey(ILogger logger, string keyId);
}
