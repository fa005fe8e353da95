using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Ingestion;
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
        twins.MapPatch("/{twinId}/reported", ReportAsync)
            .RequireAuthorization(Policies.ReportState)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithSummary("Report state (merge patch, validated against the model); devices send their secret as the bearer token");
        twins.MapPatch("/{twinId}/desired", (string twinId, HttpContext http, IGrainFactory grains, CancellationToken ct) => PatchAsync(TwinSide.Desired, twinId, http, grains, ct))
            .RequireAuthorization(Policies.Operator)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithSummary("Set desired state (merge patch on writable properties)");
    }

    /// <summary>
    /// Reported state takes the path every reading takes. A device may report for its own twin only
    /// (any other answers 404, as if absent) and gets 204: it has no right to read the twin back.
    /// </summary>
    private static async Task<Results<Ok<TwinDto>, NoContent, ProblemHttpResult>> ReportAsync(
        string twinId, HttpContext http, ReadingIngestion ingestion, CancellationToken cancellationToken)
    {
        var deviceTwin = CallerContext.DeviceTwin(http.User);
        if (!Identifiers.IsValidTwinId(twinId) || (deviceTwin is not null && deviceTwin != twinId))
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

        var caller = CallerContext.From(http.User);
        var reading = new Reading(caller.TenantId, twinId, patch!.ToJsonString(), caller.Source, ReadingChannel.Https);
        var response = await ingestion.IngestAsync(reading, expected, returnTwin: deviceTwin is null);
        if (response.Outcome is not TwinOutcome.Ok)
        {
            return Problems.FromOutcome(response, $"Twin '{twinId}'");
        }

        http.Response.Headers.ETag = Versions.ToETag(response.Version);
        return deviceTwin is null
            ? TypedResults.Ok(TwinMapping.FromSnapshotJson(twinId, response.Snapshot!))
            : TypedResults.NoContent();
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
