using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;

namespace Mirrorspace.Server.Api.Features.Twins;

/// <summary>Reported and desired state, changed by JSON Merge Patch (RFC 7396) with optional If-Match.</summary>
internal static class StateEndpoints
{
    public static void MapStateEndpoints(this IEndpointRouteBuilder api)
    {
        var twins = api.MapGroup("/twins").WithTags("Twins");
        twins.MapPatch("/{twinId}/reported", (string twinId, HttpContext http, IGrainFactory grains, CancellationToken ct) => PatchAsync(TwinSide.Reported, twinId, http, grains, ct))
            .RequireAuthorization(Policies.Operator)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithSummary("Report state (merge patch, validated against the model)");
        twins.MapPatch("/{twinId}/desired", (string twinId, HttpContext http, IGrainFactory grains, CancellationToken ct) => PatchAsync(TwinSide.Desired, twinId, http, grains, ct))
            .RequireAuthorization(Policies.Operator)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithSummary("Set desired state (merge patch on writable properties)");
    }

    private static async Task<Results<Ok<TwinDto>, ProblemHttpResult>> PatchAsync(
        TwinSide side, string twinId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = TwinAccess.Grain(grains, http, twinId);
        if (grain is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var (expected, ifMatchProblem) = Versions.ReadIfMatch(http.Request);
        if (ifMatchProblem is not null)
        {
            return ifMatchProblem;
        }

        var (patch, bodyProblem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var response = await grain.PatchAsync(side, patch!.ToJsonString(), expected, CallerContext.From(http.User).Source, returnTwin: true);
        if (response.Outcome is not TwinOutcome.Ok)
        {
            return Problems.FromOutcome(response, $"Twin '{twinId}'");
        }

        http.Response.Headers.ETag = Versions.ToETag(response.Version);
        return TypedResults.Ok(TwinMapping.FromSnapshotJson(twinId, response.Snapshot!));
    }
}
