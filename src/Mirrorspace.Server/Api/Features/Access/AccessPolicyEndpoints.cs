using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Access;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;

namespace Mirrorspace.Server.Api.Features.Access;

/// <summary>The tenant's access policy: purposes of use, which of them open personal and health values, and custom grants and revokes.</summary>
internal static class AccessPolicyEndpoints
{
    public static void MapAccessPolicyEndpoints(this IEndpointRouteBuilder api)
    {
        var policy = api.MapGroup("/access/policy").WithTags("Access");
        policy.MapGet("/", GetAsync).RequireAuthorization(Policies.ReadAccess).WithSummary("Read the tenant's access policy");
        policy.MapPut("/", PutAsync).RequireAuthorization(Policies.ManageAccess)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Replace the tenant's access policy (If-Match with its version)");
    }

    private static async Task<Ok<AccessPolicyDto>> GetAsync(HttpContext http, TenantAccessPolicies policies, CancellationToken cancellationToken)
    {
        var stored = await policies.GetAsync(AccessViews.Required(http).Identity.TenantId, cancellationToken);
        http.Response.Headers.ETag = Versions.ToETag(stored.Version);
        return TypedResults.Ok(ToDto(stored.Version, stored.Document));
    }

    private static async Task<Results<Ok<AccessPolicyDto>, ProblemHttpResult>> PutAsync(
        HttpContext http, TenantAccessPolicies policies, CancellationToken cancellationToken)
    {
        var (expected, ifMatchProblem) = Versions.ReadIfMatch(http.Request);
        if (ifMatchProblem is not null)
        {
            return ifMatchProblem;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = AccessPolicyParser.Parse(body);
        if (parsed.Policy is not { } policy)
        {
            return Problems.Invalid("The access policy is not valid", parsed.Errors.Select(e => new StateError(e.Path, e.Message)));
        }

        // An admin must not lock the tenant out of its own policy: the caller keeps the right to change it.
        var identity = AccessViews.Required(http).Identity;
        if (!AccessEvaluator.Decide(policy, new AccessSubject(identity.Principal, identity.Role), Permission.ManageAccess))
        {
            return Problems.BadRequest(
                "The policy would lock you out", "The policy revokes your own right to manage access; grant it to you or keep it for your role.", "$.entries");
        }

        var current = await policies.GetAsync(identity.TenantId, cancellationToken);
        if (expected is { } version && version != current.Version)
        {
            return Problems.PreconditionFailed($"The policy is at version {current.Version}, not {version}.");
        }

        var document = body!.ToJsonString();
        var saved = await policies.SaveAsync(identity.TenantId, document, expected ?? current.Version, cancellationToken);
        if (saved is not { } newVersion)
        {
            return Problems.PreconditionFailed("The policy changed while this change was made; read it again.");
        }

        http.Response.Headers.ETag = Versions.ToETag(newVersion);
        return TypedResults.Ok(ToDto(newVersion, document));
    }

    private static AccessPolicyDto ToDto(long version, string? document) =>
        new(version, document is null ? EmptyDocument() : JsonNode.Parse(document)!.AsObject());

    private static JsonObject EmptyDocument() => new() { ["purposes"] = new JsonArray(), ["purposeOfUse"] = new JsonObject(), ["entries"] = new JsonArray() };
}

/// <summary>The policy document as the tenant's admins wrote it, and its version (0: never set, nothing allowed beyond the roles).</summary>
public sealed record AccessPolicyDto(long Version, JsonObject Policy);
