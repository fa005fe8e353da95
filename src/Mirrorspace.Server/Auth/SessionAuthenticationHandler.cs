using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Users;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// Authenticates a browser session by its cookie (<see cref="SessionCookie"/>): the token is hashed and
/// looked up, the session must be within its idle and absolute timeouts and its user not deleted. The
/// user's role and clearance are read afresh on every request. State-changing requests must also carry
/// the session's anti-forgery token (<see cref="AntiForgery"/>). Chosen only for a request with the
/// cookie and no other credential (<see cref="CredentialSchemes.Select"/>).
/// </summary>
internal sealed partial class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    UserSessions sessions,
    AuditLog audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Session";
    private const string FailureMessage = "The session is not valid.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(SessionCookie.Name, out var token) || string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        var (active, refusal, ended) = await sessions.AuthenticateAsync(token, Context.RequestAborted);
        if (active is null)
        {
            LogRejectedSession(Logger, refusal!);
            await audit.RecordAsync(
                new AuditRecord
                {
                    // A real session that ended names its user and tenant; a token nobody issued names no one.
                    TenantId = ended?.TenantId,
                    Principal = ended is null ? "session" : Usernames.Principal(ended.Username),
                    Action = AuditActions.AuthReject,
                    Resource = Request.Path.Value,
                    Outcome = AuditOutcome.Denied,
                    Reason = refusal,
                    RemoteAddress = Context.Connection.RemoteIpAddress?.ToString(),
                },
                Context.RequestAborted);
            return AuthenticateResult.Fail(FailureMessage);
        }

        Context.Features.Set(new SessionFeature(active));
        var user = active.User;
        var identity = new AccessIdentity(user.TenantId, Usernames.Principal(user.Username), active.Role, active.Clearance, user.Purpose);
        return AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));
    }

    /// <summary>An expired or unknown session: the stale cookie is cleared, and the caller signs in again.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        SessionCookie.Clear(Response);
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
            detail: "The session has ended or is not valid; sign in again (POST /api/v1/sessions).").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthenticationAnswers.ForbidAsync(Context, audit);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Rejected session: {Reason}")]
    private static partial void LogRejectedSession(ILogger logger, string reason);
}
