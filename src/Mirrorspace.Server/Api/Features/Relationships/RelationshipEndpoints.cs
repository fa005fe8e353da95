using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Features.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Api.Features.Relationships;

internal static class RelationshipEndpoints
{
    public static void MapRelationshipEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/twins/{twinId}").WithTags("Relationships");
        group.MapPut("/relationships/{name}/{targetId}", PutAsync).RequireAuthorization(Policies.ManageTwins).WithSummary("Link a twin to another of the same tenant");
        group.MapGet("/relationships/{name}/{targetId}", GetAsync).RequireAuthorization(Policies.ReadTwins).WithSummary("Read one relationship");
        group.MapDelete("/relationships/{name}/{targetId}", DeleteAsync).RequireAuthorization(Policies.ManageTwins).WithSummary("Remove a relationship");
        group.MapGet("/relationships", ListAsync).RequireAuthorization(Policies.ReadTwins).WithSummary("List a twin's outgoing relationships");
        group.MapGet("/graph", GraphWalk.WalkAsync).RequireAuthorization(Policies.ReadTwins).WithSummary("Walk the relationship graph from a twin, breadth first, to a bounded depth");
    }

    private static async Task<Results<Created<RelationshipDto>, Ok<RelationshipDto>, ProblemHttpResult>> PutAsync(
        string twinId, string name, string targetId, HttpContext http, IGrainFactory grains, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var source = await TwinAccess.AuthorizeAsync(http, grains, store, twinId, Permission.ManageTwins, cancellationToken);
        var target = await TwinAccess.AuthorizeAsync(http, grains, store, targetId, Permission.ReadTwins, cancellationToken);
        if (source is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        if (!Identifiers.IsValidName(name))
        {
            return Problems.BadRequest("Invalid relationship", "The relationship name is not valid.", "name");
        }

        // The target is checked here rather than by the source grain calling the target grain,
        // so two twins linking to each other at once can never wait on each other.
        var targetState = target is null ? null : await target.GetAsync();
        if (targetState is not { Outcome: TwinOutcome.Ok })
        {
            return Problems.NotFound($"Target twin '{targetId}'");
        }

        var targetModel = TwinMapping.FromSnapshotJson(targetId, targetState.Snapshot!).Model;
        var response = await source.AddRelationshipAsync(name, targetId, targetModel, CallerContext.From(http.User).Source);
        if (response.Outcome is not (TwinOutcome.Created or TwinOutcome.Ok))
        {
            return Problems.FromOutcome(response, $"Twin '{twinId}'");
        }

        var stored = await FindAsync(store, CallerContext.From(http.User).TenantId, twinId, name, targetId, cancellationToken);
        var dto = ToDto(stored!);
        return response.Outcome is TwinOutcome.Created
            ? TypedResults.Created($"/api/v1/twins/{twinId}/relationships/{name}/{targetId}", dto)
            : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<RelationshipDto>, ProblemHttpResult>> GetAsync(
        string twinId, string name, string targetId, HttpContext http, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var stored = Identifiers.IsValidTwinId(twinId) && await MayReadAsync(http, store, twinId, cancellationToken) && await MayReadAsync(http, store, targetId, cancellationToken)
            ? await FindAsync(store, CallerContext.From(http.User).TenantId, twinId, name, targetId, cancellationToken)
            : null;
        return stored is null ? Problems.NotFound($"Relationship '{name}' from '{twinId}' to '{targetId}'") : TypedResults.Ok(ToDto(stored));
    }

    private static async Task<Results<Ok<PageDto<RelationshipDto>>, ProblemHttpResult>> ListAsync(
        string twinId, int? limit, string? after, HttpContext http, IGrainFactory grains, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        var grain = await TwinAccess.AuthorizeAsync(http, grains, store, twinId, Permission.ReadTwins, cancellationToken);
        if (grain is null || (await grain.GetAsync()).Outcome is not TwinOutcome.Ok)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        // Ordered by name then target; the cursor is "name/target" of the last item of the previous page.
        // Links to twins the caller may not read are left out, as those twins are.
        var relationships = new List<RelationshipRecord>();
        foreach (var relationship in await store.ListRelationshipsAsync(CallerContext.From(http.User).TenantId, twinId, cancellationToken))
        {
            if (await MayReadAsync(http, store, relationship.TargetId, cancellationToken))
            {
                relationships.Add(relationship);
            }
        }

        var remaining = relationships.Where(r => page!.After is null || string.CompareOrdinal(Cursor(r), page.After) > 0).ToList();
        var items = remaining.Take(page!.Limit).Select(ToDto).ToList();
        var next = remaining.Count > page.Limit ? Cursor(remaining[page.Limit - 1]) : null;
        return TypedResults.Ok(new PageDto<RelationshipDto>(items, next));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string twinId, string name, string targetId, HttpContext http, IGrainFactory grains, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var grain = await TwinAccess.AuthorizeAsync(http, grains, store, twinId, Permission.ManageTwins, cancellationToken);
        if (grain is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var response = await grain.RemoveRelationshipAsync(name, targetId, CallerContext.From(http.User).Source);
        return response.Outcome is TwinOutcome.Ok
            ? TypedResults.NoContent()
            : Problems.NotFound($"Relationship '{name}' from '{twinId}' to '{targetId}'");
    }

    private static async Task<bool> MayReadAsync(HttpContext http, ITwinSpaceStore store, string twinId, CancellationToken cancellationToken) =>
        AccessViews.Required(http).Allows(Permission.ReadTwins, await TwinAccess.ResourceAsync(http, store, twinId, cancellationToken));

    private static async Task<RelationshipRecord?> FindAsync(
        ITwinSpaceStore store, string tenantId, string twinId, string name, string targetId, CancellationToken cancellationToken)
    {
        var all = await store.ListRelationshipsAsync(tenantId, twinId, cancellationToken);
        return all.FirstOrDefault(r => r.Name == name && r.TargetId == targetId);
    }

    private static string Cursor(RelationshipRecord r) => $"{r.Name}/{r.TargetId}";

    internal static RelationshipDto ToDto(RelationshipRecord r) => new(r.SourceId, r.Name, r.TargetId, r.CreatedAt);
}
