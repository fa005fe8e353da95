using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;JWT&gt;</c> issued by a tenant's identity provider
/// (<see cref="OidcTokenVerifier"/>). Every refusal is a 401 with the same answer, whatever failed, so a
/// prober learns nothing about which issuers the node trusts; the audit log keeps the reason.
/// </summary>
internal sealed partial class OidcAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    OidcTokenVerifier verifier,
    AuditLog audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Oidc";
    private const string FailureMessage = "The bearer token is not valid.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerTokens.ReadJwt(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var verdict = await verifier.VerifyAsync(token, Context.RequestAborted);
        if (verdict.Identity is { } identity)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));
        }

        LogRejectedToken(Logger, verdict.Principal, verdict.Reason!);
        await audit.RecordAsync(
            new AuditRecord
            {
                TenantId = verdict.TenantId,
                Principal = verdict.Principal,
                Action = AuditActions.AuthReject,
                Resource = Request.Path.Value,
                Outcome = AuditOutcome.Denied,
                Reason = $"bearer token: {verdict.Reason}",
                RemoteAddress = Context.Connection.RemoteIpAddress?.ToString(),
            },
            Context.RequestAborted);
        return AuthenticateResult.Fail(FailureMessage);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthenticationAnswers.ChallengeAsync(Context, "Bearer error=\"invalid_token\"", "Send a valid bearer token or an API key as 'Authorization: Bearer <credential>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthenticationAnswers.ForbidAsync(Context, audit);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Rejected bearer token of {Principal}: {Reason}")]
    private static partial void LogRejectedToken(ILogger logger, string principal, string reason);
}
