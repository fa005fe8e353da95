using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Server.Api.Features.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Api.Features.Relationships;

/// <summary>Breadth-first walk over outgoing relationships, bounded in depth and in nodes so one request cannot walk a whole tenant.</summary>
internal static class GraphWalk
{
    public const int MaxDepth = 5;
    public const int MaxNodes = 1_000;

    public static async Task<Results<Ok<GraphDto>, ProblemHttpResult>> WalkAsync(
        string twinId, int? depth, HttpContext http, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var maxDepth = depth ?? 1;
        if (maxDepth is < 1 or > MaxDepth)
        {
            return Problems.BadRequest("Invalid depth", $"depth must be between 1 and {MaxDepth}.", "depth");
        }

        var tenantId = CallerContext.From(http.User).TenantId;
        var root = Identifiers.IsValidTwinId(twinId) ? await store.GetTwinAsync(tenantId, twinId, cancellationToken) : null;
        if (root is null || root.Deleted || !TwinAccess.Allows(http, Permission.ReadTwins, root))
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var nodes = new List<GraphNodeDto> { new(root.TwinId, root.ModelId, 0) };
        var edges = new List<RelationshipDto>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.TwinId };
        var frontier = new List<string> { root.TwinId };
        var truncated = false;
        for (var level = 1; level <= maxDepth && frontier.Count > 0 && !truncated; level++)
        {
            var next = new List<string>();
            foreach (var source in frontier)
            {
                foreach (var relationship in await store.ListRelationshipsAsync(tenantId, source, cancellationToken))
                {
                    // A twin the caller may not read is not in its graph, nor are the links to it: the walk stops there.
                    var target = await store.GetTwinAsync(tenantId, relationship.TargetId, cancellationToken);
                    if (target is null || !TwinAccess.Allows(http, Permission.ReadTwins, target))
                    {
                        continue;
                    }

                    edges.Add(RelationshipEndpoints.ToDto(relationship));
                    if (!seen.Add(relationship.TargetId))
                    {
                        continue;
                    }

                    if (nodes.Count >= MaxNodes)
                    {
                        truncated = true;
                        break;
                    }

                    if (!target.Deleted)
                    {
                        nodes.Add(new GraphNodeDto(target.TwinId, target.ModelId, level));
                        next.Add(target.TwinId);
                    }
                }
            }

            frontier = next;
        }

        return TypedResults.Ok(new GraphDto(root.TwinId, maxDepth, nodes, edges, truncated));
    }
}
