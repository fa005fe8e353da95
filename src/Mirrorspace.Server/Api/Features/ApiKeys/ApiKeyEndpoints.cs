using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Access;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Server.Hosting.Keys;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Api.Features.ApiKeys;

/// <summary>
/// The tenant's API keys: admins issue (the text is shown once) and revoke them; admins and auditors list
/// them. Revocation is <c>POST …/revoke</c> rather than DELETE because the key stays listed, revoked, as evidence.
/// </summary>
internal static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/apikeys").WithTags("API keys");
        keys.MapPost("/", IssueAsync).RequireAuthorization(Policies.ManageAccess)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Issue a key: {\"role\", \"lifetime\"? (ISO 8601, default P90D), \"clearance\"?, \"purpose\"?, \"scopes\"? [\"model:ID\"|\"twin:ID\"], \"description\"?}; never more than your own access; the key is shown once");
        keys.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadAccess).WithSummary("List the tenant's keys, revoked and expired ones included");
        keys.MapGet("/{keyId}", GetAsync).RequireAuthorization(Policies.ReadAccess).WithSummary("Read one key");
        keys.MapPost("/{keyId}/revoke", RevokeAsync).RequireAuthorization(Policies.ManageAccess)
            .WithSummary("Revoke a key: the next request with it gets 401");
    }

    private static async Task<Results<Created<ApiKeyCreatedDto>, ProblemHttpResult>> IssueAsync(
        HttpContext http, TenantProvisioning provisioning, IOptions<ApiKeyOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var issuer = AccessViews.Required(http).Identity;
        var (request, errors) = KeyRequestBody.ReadIssue(body!, options.Value, issuer.Principal);
        if (request is null)
        {
            return Problems.Invalid("Invalid key request", errors);
        }

        var beyond = issuer.Grant.Exceeded(request.Grant);
        if (beyond.Count > 0)
        {
            return Problems.BeyondOwnAccess(beyond);
        }

        var issued = await provisioning.IssueApiKeyAsync(issuer.TenantId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/apikeys/{issued.Record.KeyId}", new ApiKeyCreatedDto(ApiKeyDto.From(issued.Record), issued.Text));
    }

    private static async Task<Results<Ok<PageDto<ApiKeyDto>>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, HttpContext http, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        var keys = await store.ListApiKeysAsync(CallerContext.From(http.User).TenantId, page!, cancellationToken);
        return TypedResults.Ok(new PageDto<ApiKeyDto>([.. keys.Items.Select(ApiKeyDto.From)], keys.NextAfter));
    }

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> GetAsync(
        string keyId, HttpContext http, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var key = ApiKeyCodec.IsKeyId(keyId) ? await store.GetApiKeyAsync(CallerContext.From(http.User).TenantId, keyId, cancellationToken) : null;
        return key is null ? NotFound(keyId) : TypedResults.Ok(ApiKeyDto.From(key));
    }

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> RevokeAsync(
        string keyId, HttpContext http, ITwinSpaceStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = CallerContext.From(http.User).TenantId;
        if (!ApiKeyCodec.IsKeyId(keyId) || !await store.RevokeApiKeyAsync(tenantId, keyId, clock.GetUtcNow(), cancellationToken))
        {
            return NotFound(keyId);
        }

        var key = await store.GetApiKeyAsync(tenantId, keyId, cancellationToken)
            ?? throw new InvalidOperationException($"API key {keyId} vanished right after it was revoked.");
        return TypedResults.Ok(ApiKeyDto.From(key));
    }

    /// <summary>Another tenant's key answers exactly like one that never existed.</summary>
    private static ProblemHttpResult NotFound(string keyId) => Problems.NotFound($"API key '{keyId}'");
}
