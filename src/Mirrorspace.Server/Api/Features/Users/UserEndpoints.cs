using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Server.Users;

namespace Mirrorspace.Server.Api.Features.Users;

/// <summary>
/// A tenant's local users: admins add, list and delete them and enrol their second factor; a signed-in
/// user enrols and confirms their own second factor and changes their own password.
/// </summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapPost("/", CreateAsync).RequireAuthorization(Policies.ManageAccess)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Add a user: {\"username\", \"password\", \"role\", \"clearance\": optional, \"purpose\": optional}; an admin's TOTP secret is shown once");
        users.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadAccess).WithSummary("List users, deleted ones included");
        users.MapGet("/{username}", GetAsync).RequireAuthorization(Policies.ReadAccess).WithSummary("Read a user");
        users.MapDelete("/{username}", DeleteAsync).RequireAuthorization(Policies.ManageAccess)
            .WithSummary("Delete a user for good: its sessions end, its secrets are wiped, its name stays taken");
        users.MapPost("/{username}/totp", EnrolTotpAsync).RequireAuthorization(Policies.ManageAccessOrSelf)
            .WithSummary("Enrol a new TOTP secret (shown once), replacing any other; an admin for any user, or a user for themself");
        users.MapPost("/{username}/totp/confirm", ConfirmTotpAsync).RequireAuthorization(Policies.ManageAccessOrSelf)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Confirm the TOTP secret with a first code: {\"code\": \"123456\"}");
        users.MapPut("/{username}/password", ChangePasswordAsync).RequireAuthorization(Policies.Self)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Change your own password: {\"currentPassword\", \"newPassword\"}; every session of yours ends");
    }

    private static async Task<Results<Created<UserCreatedDto>, ProblemHttpResult>> CreateAsync(
        HttpContext http, UserAccounts accounts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, errors) = await ReadAsync(http, ["username", "password", "role", "clearance", "purpose"], cancellationToken);
        if (body is null)
        {
            return errors.Problem!;
        }

        var request = new NewUser(
            Text(body, "username", errors.List), Text(body, "password", errors.List), Text(body, "role", errors.List),
            Text(body, "clearance", errors.List), Text(body, "purpose", errors.List));
        errors.List.AddRange(UserAccounts.Validate(request).Select(e => new StateError($"$.{e.Field}", e.Message)));
        if (errors.List.Count > 0)
        {
            return Problems.Invalid("Invalid user", errors.List);
        }

        var result = await accounts.CreateAsync(CallerContext.From(http.User).TenantId, request, cancellationToken);
        return result.Outcome switch
        {
            UserChange.Done => TypedResults.Created(
                $"/api/v1/users/{result.User!.Username}",
                new UserCreatedDto(UserDto.From(result.User, clock.GetUtcNow()), result.Totp is null ? null : TotpEnrolmentDto.From(result.Totp))),
            UserChange.Conflict => Problems.Conflict(result.Errors![0].Message),
            _ => Problems.Invalid("Invalid user", Errors(result)),
        };
    }

    private static async Task<Results<Ok<PageDto<UserDto>>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, HttpContext http, UserAccounts accounts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        var result = await accounts.ListAsync(CallerContext.From(http.User).TenantId, page!, cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new PageDto<UserDto>([.. result.Items.Select(u => UserDto.From(u, now))], result.NextAfter));
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetAsync(
        string username, HttpContext http, UserAccounts accounts, TimeProvider clock, CancellationToken cancellationToken) =>
        await accounts.GetAsync(CallerContext.From(http.User).TenantId, username, cancellationToken) is { } user
            ? TypedResults.Ok(UserDto.From(user, clock.GetUtcNow()))
            : NotFound(username);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string username, HttpContext http, UserAccounts accounts, CancellationToken cancellationToken)
    {
        if (!await accounts.DeleteAsync(CallerContext.From(http.User).TenantId, username, cancellationToken))
        {
            return NotFound(username);
        }

        if (http.Features.Get<SessionFeature>() is { } session && session.Active.User.Username == username)
        {
            SessionCookie.Clear(http.Response);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TotpEnrolmentDto>, ProblemHttpResult>> EnrolTotpAsync(
        string username, HttpContext http, UserAccounts accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.EnrolTotpAsync(CallerContext.From(http.User).TenantId, username, cancellationToken);
        return result.Outcome == UserChange.Done ? TypedResults.Ok(TotpEnrolmentDto.From(result.Totp!)) : NotFound(username);
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> ConfirmTotpAsync(
        string username, HttpContext http, UserAccounts accounts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, errors) = await ReadAsync(http, ["code"], cancellationToken);
        if (body is null)
        {
            return errors.Problem!;
        }

        var code = Text(body, "code", errors.List, required: true);
        if (errors.List.Count > 0)
        {
            return Problems.Invalid("Invalid confirmation", errors.List);
        }

        var result = await accounts.ConfirmTotpAsync(CallerContext.From(http.User).TenantId, username, code, cancellationToken);
        return result.Outcome switch
        {
            UserChange.Done => TypedResults.Ok(UserDto.From(result.User!, clock.GetUtcNow())),
            UserChange.NotFound => NotFound(username),
            UserChange.Conflict => Problems.Conflict(result.Errors![0].Message),
            _ => Problems.Invalid("Invalid confirmation", Errors(result)),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        string username, HttpContext http, UserSessions sessions, CancellationToken cancellationToken)
    {
        var (body, errors) = await ReadAsync(http, ["currentPassword", "newPassword"], cancellationToken);
        if (body is null)
        {
            return errors.Problem!;
        }

        var current = Text(body, "currentPassword", errors.List);
        var next = Text(body, "newPassword", errors.List);
        if (errors.List.Count > 0)
        {
            return Problems.Invalid("Invalid password change", errors.List);
        }

        var result = await sessions.ChangePasswordAsync(
            CallerContext.From(http.User).TenantId, username, current, next, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        switch (result.Outcome)
        {
            case UserChange.Done:
                // Every session of the user has ended, this one too: the browser signs in again with the new password.
                SessionCookie.Clear(http.Response);
                return TypedResults.NoContent();
            case UserChange.NotFound:
                return NotFound(username);
            default:
                return Problems.Invalid("Invalid password change", Errors(result));
        }
    }

    private static ProblemHttpResult NotFound(string username) => Problems.NotFound($"User '{username}'");

    private static List<StateError> Errors(UserChangeResult result) => [.. result.Errors!.Select(e => new StateError($"$.{e.Field}", e.Message))];

    private static async Task<(JsonObject? Body, BodyErrors Errors)> ReadAsync(HttpContext http, string[] known, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        var errors = new BodyErrors(problem, []);
        if (body is not null)
        {
            errors.List.AddRange(body.Where(p => !known.Contains(p.Key, StringComparer.Ordinal)).Select(p => new StateError($"$.{p.Key}", "Unknown field.")));
        }

        return (body, errors);
    }

    private static string? Text(JsonObject body, string name, List<StateError> errors, bool required = false)
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

    private sealed record BodyErrors(ProblemHttpResult? Problem, List<StateError> List);
}
