using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Server.Auth.Oidc;
using Mirrorspace.Storage.IdentityProviders;

namespace Mirrorspace.Server.Api.Features.IdentityProviders;

/// <summary>
/// The external OpenID Connect issuers a tenant trusts (docs/operations.md#identity-providers). Admins
/// configure them, auditors and admins read them; another tenant's provider is not found (404).
/// </summary>
internal static class IdentityProviderEndpoints
{
    public static void MapIdentityProviderEndpoints(this IEndpointRouteBuilder api)
    {
        var providers = api.MapGroup("/identity-providers").WithTags("Access");
        providers.MapPut("/{providerId}", PutAsync).RequireAuthorization(Policies.ManageAccess)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Create or replace an identity provider: {\"issuer\", \"audience\", \"jwksUri\", \"algorithms\": [\"RS256\"], \"roleClaim\", \"roles\": [{\"value\", \"role\", \"clearance\"}], optional \"clockSkewSeconds\", \"clearanceClaim\", \"purposeClaim\"}");
        providers.MapGet("/{providerId}", GetAsync).RequireAuthorization(Policies.ReadAccess).WithSummary("Read an identity provider");
        providers.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadAccess).WithSummary("List identity providers");
        providers.MapDelete("/{providerId}", DeleteAsync).RequireAuthorization(Policies.ManageAccess)
            .WithSummary("Delete an identity provider; its tokens stop working at once");
    }

    private static async Task<Results<Created<IdentityProviderDto>, Ok<IdentityProviderDto>, ProblemHttpResult>> PutAsync(
        string providerId, HttpContext http, IIdentityProviderStore store, JwksCache jwks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var tenantId = CallerContext.From(http.User).TenantId;
        var existing = IdentityProviderValidator.IsValidProviderId(providerId) ? await store.GetAsync(tenantId, providerId, cancellationToken) : null;
        var (record, errors) = IdentityProviderValidator.Validate(tenantId, providerId, body!, existing, clock.GetUtcNow());
        if (record is null)
        {
            return Problems.Invalid("The identity provider is not valid", errors);
        }

        var outcome = await store.PutAsync(record, cancellationToken);
        if (outcome is IdentityProviderSaveOutcome.IssuerAudienceTaken)
        {
            // Names neither the tenant nor the provider that holds the pair.
            return Problems.Conflict("A provider with this issuer and audience is already configured on this node; a token must name exactly one. Use an audience of this tenant's own.");
        }

        jwks.Forget(tenantId, providerId);
        var dto = IdentityProviderDto.From(record);
        return outcome is IdentityProviderSaveOutcome.Created ? TypedResults.Created($"/api/v1/identity-providers/{providerId}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<IdentityProviderDto>, ProblemHttpResult>> GetAsync(
        string providerId, HttpContext http, IIdentityProviderStore store, CancellationToken cancellationToken)
    {
        var provider = IdentityProviderValidator.IsValidProviderId(providerId)
            ? await store.GetAsync(CallerContext.From(http.User).TenantId, providerId, cancellationToken)
            : null;
        return provider is null ? NotFound(providerId) : TypedResults.Ok(IdentityProviderDto.From(provider));
    }

    private static async Task<Results<Ok<PageDto<IdentityProviderDto>>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, HttpContext http, IIdentityProviderStore store, CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        var result = await store.ListAsync(CallerContext.From(http.User).TenantId, page!, cancellationToken);
        return TypedResults.Ok(new PageDto<IdentityProviderDto>([.. result.Items.Select(IdentityProviderDto.From)], result.NextAfter));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string providerId, HttpContext http, IIdentityProviderStore store, JwksCache jwks, CancellationToken cancellationToken)
    {
        var tenantId = CallerContext.From(http.User).TenantId;
        if (!IdentityProviderValidator.IsValidProviderId(providerId) || !await store.DeleteAsync(tenantId, providerId, cancellationToken))
        {
            return NotFound(providerId);
        }

        jwks.Forget(tenantId, providerId);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string providerId) => Problems.NotFound($"Identity provider '{providerId}'");
}
