using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Api.Features.ApiKeys;
using Mirrorspace.Server.Auth;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Server.Hosting.Keys;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Api.Features.Platform;

/// <summary>
/// The platform administrator's API: create tenants, list their ids and names (the one surface that
/// spans tenants), and grant break-glass access to one tenant. Nothing here returns a tenant's data; a
/// break-glass grant is a short-lived, read-only key of that tenant, announced in its audit log.
/// </summary>
internal static class PlatformEndpoints
{
    public static void MapPlatformEndpoints(this IEndpointRouteBuilder api)
    {
        var platform = api.MapGroup("/platform").WithTags("Platform").RequireAuthorization(Policies.PlatformAdmin);
        platform.MapPost("/tenants", CreateTenantAsync)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Create a tenant: {\"name\", \"id\"? (derived from the name)}; its first admin key is shown once");
        platform.MapGet("/tenants", ListTenantsAsync).WithSummary("Every tenant's id and name");
        platform.MapPost("/tenants/{tenantId}/break-glass", BreakGlassAsync)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Grant yourself read-only access to a tenant: {\"reason\", \"lifetime\" (ISO 8601, at most PT4H), \"role\"? viewer|analyst|auditor, \"clearance\"?}; audited in the tenant's log, revocable by its admins");
    }

    private static async Task<Results<Created<TenantCreatedDto>, ProblemHttpResult>> CreateTenantAsync(
        HttpContext http, TenantProvisioning provisioning, IOptions<ApiKeyOptions> options, AuditLog audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var fields = new BodyFields(body!);
        fields.RefuseUnknown("name", "id");
        var name = fields.String("name", required: true)?.Trim();
        var id = fields.String("id") ?? (name is null ? null : TenantProvisioning.TenantIdFromName(name));
        if (name is not null && !TenantProvisioning.IsValidName(name))
        {
            fields.Errors.Add(new ValidationError("$.name", $"1-{TenantProvisioning.MaxNameLength} characters without control characters."));
        }

        if (id is not null && !Identifiers.IsValidTenantId(id))
        {
            fields.Errors.Add(new ValidationError(body!.ContainsKey("id") ? "$.id" : "$.name", "Does not make a valid tenant id: 2-63 lowercase letters, digits or '-'."));
        }

        if (fields.Errors.Count > 0)
        {
            return Problems.Invalid("Invalid tenant", fields.Errors);
        }

        var principal = PrincipalOf(http);
        var created = await provisioning.CreateTenantWithAdminAsync(id!, name!, options.Value.DefaultLifetime, principal, cancellationToken);
        if (created is null)
        {
            return Problems.Conflict($"Tenant '{id}' already exists.");
        }

        await audit.RecordAsync(
            new AuditRecord
            {
                TenantId = id,
                Principal = principal,
                Action = AuditActions.TenantCreate,
                Resource = $"tenant/{id}",
                Outcome = AuditOutcome.Success,
                Reason = $"first admin key {created.Key.Record.KeyId}",
                RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            },
            cancellationToken);
        return TypedResults.Created(
            (string?)null,
            new TenantCreatedDto(new TenantSummaryDto(created.Tenant.Id, created.Tenant.Name), ApiKeyDto.From(created.Key.Record), created.Key.Text));
    }

    private static async Task<Ok<PageDto<TenantSummaryDto>>> ListTenantsAsync(ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var tenants = await store.ListTenantsAsync(cancellationToken);
        return TypedResults.Ok(new PageDto<TenantSummaryDto>([.. tenants.Select(t => new TenantSummaryDto(t.Id, t.Name))], Next: null));
    }

    private static async Task<Results<Created<ApiKeyCreatedDto>, ProblemHttpResult>> BreakGlassAsync(
        string tenantId,
        HttpContext http,
        ITwinSpaceStore store,
        TenantProvisioning provisioning,
        IOptions<ApiKeyOptions> options,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidTenantId(tenantId) || await store.GetTenantAsync(tenantId, cancellationToken) is null)
        {
            return Problems.NotFound($"Tenant '{tenantId}'");
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        var principal = PrincipalOf(http);
        var (request, errors) = body is null ? (null, []) : KeyRequestBody.ReadBreakGlass(body, options.Value, principal);
        if (request is null)
        {
            // A refused attempt is evidence too: the tenant learns the platform tried, and why it failed.
            await RecordGrantAsync(audit, http, tenantId, principal, AuditOutcome.Denied,
                $"refused: {(problem is not null ? "malformed body" : string.Join("; ", errors.Select(e => $"{e.Path} {e.Message}")))}", cancellationToken);
            return problem ?? Problems.Invalid("Invalid break-glass request", errors);
        }

        var issued = await provisioning.IssueApiKeyAsync(tenantId, request, cancellationToken);
        await RecordGrantAsync(audit, http, tenantId, principal, AuditOutcome.Success,
            $"key {issued.Record.KeyId}, {issued.Record.Role}, until {issued.Record.ExpiresAt:O}: {request.Description}", cancellationToken);
        return TypedResults.Created($"/api/v1/apikeys/{issued.Record.KeyId}", new ApiKeyCreatedDto(ApiKeyDto.From(issued.Record), issued.Text));
    }

    private static Task<long> RecordGrantAsync(
        AuditLog audit, HttpContext http, string tenantId, string principal, AuditOutcome outcome, string reason, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new AuditRecord
            {
                TenantId = tenantId,
                Principal = principal,
                Action = AuditActions.BreakGlassGrant,
                Resource = $"tenant/{tenantId}",
                Outcome = outcome,
                Reason = reason,
                RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            },
            cancellationToken);

    private static string PrincipalOf(HttpContext http) =>
        http.User.FindFirstValue(MirrorspaceClaims.Principal) ?? throw new InvalidOperationException("The platform principal has no name.");
}
