using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Integrity;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Api.Features.Twins;

/// <summary>Reported and desired state, changed by JSON Merge Patch (RFC 7396) with optional If-Match.</summary>
internal static class StateEndpoints
{
    public static void MapStateEndpoints(this IEndpointRouteBuilder api)
    {
        var twins = api.MapGroup("/twins").WithTags("Twins");
        twins.MapPatch("/{twinId}/reported", ReportAsync)
            .RequireAuthorization(Policies.ReportState)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json", ReadingBody.JoseMediaType)
            .Produces<TwinDto>()
            .Produces<ReadingVerdictDto>(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Report state (merge patch, validated against the model); devices send their secret as the bearer token, and a signed reading as application/jose");
        twins.MapPost("/{twinId}/readings", ReportBatchAsync)
            .RequireAuthorization(Policies.Of(Permission.ReportState))
            .Accepts<JsonArray>("application/json")
            .Produces<ReadingBatchDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"Report a batch of up to {ITwinGrain.MaxReadingsPerBatch} readings of one twin, in order, through the ingestion pipeline; committed together, they stop at the first refused");
        twins.MapPatch(
                "/{twinId}/desired",
                (string twinId, HttpContext http, IGrainFactory grains, ITwinSpaceStore store, ModelCatalog models, CancellationToken ct) =>
                    PatchAsync(TwinSide.Desired, twinId, http, grains, store, models, ct))
            .RequireAuthorization(Policies.WriteDesired)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithSummary("Set desired state (merge patch on writable properties)");
    }

    /// <summary>
    /// A device's report takes the path every reading takes (signature, freshness, the model's checks)
    /// and gets 204 when accepted, or the verdict: 200 when values were flagged, 202 when a part was
    /// quarantined. It may report for its own twin only (any other answers 404, as if absent) and
    /// never reads the twin back. People and services report through the strict path instead:
    /// an implausible value is refused outright, as for desired state.
    /// </summary>
    private static async Task<IResult> ReportAsync(
        string twinId, HttpContext http, ReadingIngestion ingestion, IGrainFactory grains, ITwinSpaceStore store, ModelCatalog models, CancellationToken cancellationToken)
    {
        var deviceTwin = CallerContext.DeviceTwin(http.User);
        if (deviceTwin is null)
        {
            return await PatchAsync(TwinSide.Reported, twinId, http, grains, store, models, cancellationToken);
        }

        if (!Identifiers.IsValidTwinId(twinId) || deviceTwin != twinId)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var (payload, bodyProblem) = await ReadingBody.ReadAsync(http.Request, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var caller = CallerContext.From(http.User);
        var reading = new Reading(caller.TenantId, twinId, payload!, caller.Source, ReadingChannel.Https, CallerContext.Device(http.User));
        var result = await ingestion.IngestAsync(reading, cancellationToken);
        return result.Outcome switch
        {
            TwinOutcome.Ok when Verdicts.Parse(result.Verdict) is Verdict.Accepted => TypedResults.NoContent(),
            TwinOutcome.Ok when Verdicts.Parse(result.Verdict) is Verdict.Flagged => TypedResults.Ok(ReadingVerdictDto.From(result)),
            TwinOutcome.Ok => TypedResults.Accepted((string?)null, ReadingVerdictDto.From(result)),
            TwinOutcome.Invalid when result.Findings is [{ Kind: "flood" }] => Problems.Throttled(http, result),
            TwinOutcome.Invalid when result.Findings.Count > 0 => Problems.ReadingRejected(result),
            TwinOutcome.Invalid => Problems.Invalid("The reading is not valid for this twin's model", result.Errors),
            _ => Problems.NotFound($"Twin '{twinId}'"),
        };
    }

    /// <summary>
    /// Readings forwarded in bulk by a service (a gateway, a historian's export): each a merge patch,
    /// taken in order through the pipeline device data takes (the model's checks and the integrity
    /// stage, which may flag or hold values), as the rows of an SFTP batch file are, and committed
    /// together. The caller needs the report permission on the twin (else 404) and on every property
    /// any reading names (else 403 naming them, nothing taken). The twin stops at the first reading it
    /// refuses: those before it are stored and counted in the problem's <c>taken</c>, it and those
    /// after it are not, so the caller can resend from it. Devices report one reading at a time, where
    /// their signature, sequence and rate are checked.
    /// </summary>
    private static async Task<IResult> ReportBatchAsync(
        string twinId, HttpContext http, ReadingIngestion ingestion, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var (view, resource) = await TwinAllowingAsync(http, store, twinId, Permission.ReportState, cancellationToken);
        if (resource is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var (patches, bodyProblem) = await JsonBody.ReadObjectsAsync(http.Request, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (patches!.Count is 0 or > ITwinGrain.MaxReadingsPerBatch)
        {
            return Problems.BadRequest("Wrong number of readings", $"A batch holds 1 to {ITwinGrain.MaxReadingsPerBatch} readings, not {patches.Count}.");
        }

        var refused = Refused(view, Permission.ReportState, resource, patches.SelectMany(patch => patch.Select(p => p.Key)).Distinct(StringComparer.Ordinal));
        if (refused.Count > 0)
        {
            return Problems.Forbidden($"You may not report {string.Join(", ", refused)} of this twin.", $"$[*].{refused[0]}");
        }

        var caller = CallerContext.From(http.User);
        var results = await ingestion.IngestBatchAsync(
            [.. patches.Select(patch => new Reading(caller.TenantId, twinId, patch.ToJsonString(), caller.Source, ReadingChannel.Https))],
            cancellationToken);
        var taken = results.Count(r => r.Outcome is TwinOutcome.Ok);
        if (results[^1].Outcome is TwinOutcome.NotFound)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var verdicts = results.Take(taken).Select(ReadingVerdictDto.From).ToList();
        return taken == patches.Count
            ? TypedResults.Ok(new ReadingBatchDto(taken, verdicts))
            : Problems.BatchStopped(taken, results[^1].Errors, verdicts);
    }

    /// <summary>
    /// A person's or service's merge patch. The caller needs the write permission on the twin (else 404, as
    /// if absent) and on every property it names (else 403 naming them, nothing applied); the twin it gets
    /// back shows only what it may read, as writing does not imply reading.
    /// </summary>
    private static async Task<Results<Ok<TwinDto>, ProblemHttpResult>> PatchAsync(
        TwinSide side, string twinId, HttpContext http, IGrainFactory grains, ITwinSpaceStore store, ModelCatalog models, CancellationToken cancellationToken)
    {
        var permission = side is TwinSide.Desired ? Permission.WriteDesired : Permission.ReportState;
        var (view, resource) = await TwinAllowingAsync(http, store, twinId, permission, cancellationToken);
        if (resource is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var grain = grains.Twin(view.Identity.TenantId, twinId);

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

        var refused = Refused(view, permission, resource, patch!.Select(p => p.Key));
        if (refused.Count > 0)
        {
            return Problems.Forbidden($"You may not {(side is TwinSide.Desired ? "set" : "report")} {string.Join(", ", refused)} of this twin.", $"$.{refused[0]}");
        }

        var response = await grain.PatchAsync(side, patch!.ToJsonString(), expected, CallerContext.From(http.User).Source, returnTwin: true);
        if (response.Outcome is not TwinOutcome.Ok)
        {
            return Problems.FromOutcome(response, $"Twin '{twinId}'");
        }

        http.Response.Headers.ETag = Versions.ToETag(response.Version);
        return TypedResults.Ok(await TwinVisibility.ForCallerAsync(http, TwinMapping.FromSnapshotJson(twinId, response.Snapshot!), models, cancellationToken));
    }

    /// <summary>The caller's view, and the twin if the caller holds <paramref name="permission"/> on it (null when not, or absent: both answer 404).</summary>
    private static async Task<(AccessView View, TwinResource? Twin)> TwinAllowingAsync(
        HttpContext http, ITwinSpaceStore store, string twinId, Permission permission, CancellationToken cancellationToken)
    {
        var view = AccessViews.Required(http);
        var resource = Identifiers.IsValidTwinId(twinId) ? await TwinAccess.ResourceAsync(http, store, twinId, cancellationToken) : null;
        return (view, resource is not null && view.Allows(permission, resource) ? resource : null);
    }

    /// <summary>The properties among <paramref name="properties"/> the caller may not change with <paramref name="permission"/>.</summary>
    private static List<string> Refused(AccessView view, Permission permission, TwinResource twin, IEnumerable<string> properties) =>
        [.. properties.Where(property => !view.Allows(permission, twin, property))];
}
