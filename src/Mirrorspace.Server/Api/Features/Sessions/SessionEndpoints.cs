using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Server.Users;

namespace Mirrorspace.Server.Api.Features.Sessions;

/// <summary>
/// Browser sessions of local users: sign in (the session in a <c>__Host-</c> cookie, the anti-forgery
/// token in the body), see who you are, sign out. Any credential may ask who it is.
/// </summary>
internal static class SessionEndpoints
{
    /// <summary>One answer for every refusal before the password is known to be right: nothing tells which part was wrong.</summary>
    private const string FailedDetail = "The tenant, username, password or code is not right, or the account is locked for a while.";

    public static void MapSessionEndpoints(this IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions");
        // No Accepts metadata: routing would answer another media type before the endpoint could say why (415).
        sessions.MapPost("/", SignInAsync).AllowAnonymous()
            .WithSummary("Sign in: {\"tenant\", \"username\", \"password\", \"totp\": the 6-digit code, required for admins}; sets the session cookie, returns the anti-forgery token");
        sessions.MapGet("/current", WhoAmI).RequireAuthorization(Policies.AnyTenantPrincipal)
            .WithSummary("Who am I: tenant, principal, role, clearance, and the session's times when signed in with one");
        sessions.MapDelete("/current", SignOutAsync).RequireAuthorization(Policies.AnyTenantPrincipal)
            .WithSummary("Sign out: the session ends and its cookie is cleared (nothing to end for other credentials)");
    }

    private static async Task<Results<Created<SessionCreatedDto>, ProblemHttpResult>> SignInAsync(
        HttpContext http, UserSessions sessions, CancellationToken cancellationToken)
    {
        // A cross-site form can post text/plain or a form encoding, never JSON without a CORS preflight
        // the node never grants: requiring JSON keeps other sites from signing a browser in.
        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the sign-in as 'Content-Type: application/json'.");
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<StateError>();
        errors.AddRange(body!.Where(p => p.Key is not ("tenant" or "username" or "password" or "totp")).Select(p => new StateError($"$.{p.Key}", "Unknown field.")));
        var tenant = Text(body!, "tenant", required: true, errors);
        var username = Text(body!, "username", required: true, errors);
        var password = Text(body!, "password", required: true, errors);
        var totp = Text(body!, "totp", required: false, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid("Invalid sign-in", errors);
        }

        var result = await sessions.SignInAsync(
            new SignInRequest(tenant!, username!, password!, totp), http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                // Signing in replaces whatever session this browser had.
                if (http.Features.Get<SessionFeature>() is { } previous)
                {
                    await sessions.SignOutAsync(previous.Active.Session, cancellationToken);
                }

                SessionCookie.Set(http.Response, result.SessionToken!);
                var user = result.User!;
                return TypedResults.Created(
                    "/api/v1/sessions/current",
                    new SessionCreatedDto(
                        user.TenantId, user.Username, Usernames.Principal(user.Username), user.Role, user.Clearance, user.Purpose,
                        result.AntiForgeryToken!, result.Session!.ExpiresAt, (int)UserSessions.IdleTimeout.TotalSeconds));
            case SignInOutcome.SecondFactorRequired:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Second factor required",
                    detail: "Send the current 6-digit code of your authenticator app as 'totp'; the first accepted code confirms a new enrolment.",
                    extensions: new Dictionary<string, object?> { ["required"] = "totp" });
            case SignInOutcome.EnrolmentRequired:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Second factor enrolment required",
                    detail: "Tenant admins sign in with a TOTP second factor and this account has none: another admin enrols one "
                        + "(POST /api/v1/users/{username}/totp) and hands over its secret; then sign in with a code of it.",
                    extensions: new Dictionary<string, object?> { ["required"] = "totp-enrolment" });
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: FailedDetail);
        }
    }

    private static Ok<WhoAmIDto> WhoAmI(HttpContext http)
    {
        var identity = AccessIdentity.From(http.User)!;
        var session = http.Features.Get<SessionFeature>()?.Active.Session;
        return TypedResults.Ok(new WhoAmIDto(
            identity.TenantId,
            identity.Principal,
            RolePermissions.Name(identity.Role),
            DataClassifications.Name(identity.Clearance),
            identity.Purpose,
            http.User.Identity?.AuthenticationType ?? "unknown",
            [.. RolePermissions.Of(identity.Role).Order().Select(p => p.ToString())],
            session is null ? null : new SessionDto(session.CreatedAt, session.LastSeenAt, session.LastSeenAt + UserSessions.IdleTimeout, session.ExpiresAt)));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext http, UserSessions sessions, CancellationToken cancellationToken)
    {
        if (http.Features.Get<SessionFeature>() is { } feature)
        {
            await sessions.SignOutAsync(feature.Active.Session, cancellationToken);
            SessionCookie.Clear(http.Response);
        }

        return TypedResults.NoContent();
    }

    private static string? Text(JsonObject body, string name, bool required, List<StateError> errors)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                errors.Add(new($"$.{name}", "Required."));
            }

            return null;
        }

        if (node.GetValueKind() is not JsonValueKind.String)
        {
            errors.Add(new($"$.{name}", "Must be a string."));
            return null;
        }

        return node.GetValue<string>();
    }
}
