using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Runtime.History;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Api.Features.Twins;

internal static class TwinEndpoints
{
    public static void MapTwinEndpoints(this IEndpointRouteBuilder api)
    {
        var twins = api.MapGroup("/twins").WithTags("Twins");
        twins.MapPut("/{twinId}", PutAsync).RequireAuthorization(Policies.ManageTwins).WithSummary("Create a twin from a model");
        twins.MapGet("/{twinId}", GetAsync).RequireAuthorization(Policies.ReadTwins)
            .WithSummary("Read a twin, or with ?at= the twin as it was at that instant");
        twins.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadTwins).WithSummary("List twins");
        twins.MapDelete("/{twinId}", DeleteAsync).RequireAuthorization(Policies.ManageTwins).WithSummary("Delete a twin (its history is kept)");
    }

    private static async Task<Results<Created<TwinDto>, Ok<TwinDto>, ProblemHttpResult>> PutAsync(
        string twinId, HttpContext http, IGrainFactory grains, ITwinSpaceStore store, ModelCatalog models, CancellationToken cancellationToken)
    {
        if (!Domain.Common.Identifiers.IsValidTwinId(twinId))
        {
            return Problems.BadRequest("Invalid twin id", "Twin ids are 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.", "twinId");
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (request, invalid) = ReadCreateRequest(body!);
        if (invalid is not null)
        {
            return invalid;
        }

        // A twin the caller may not manage answers as if its id were taken by nothing it can see.
        var grain = await TwinAccess.AuthorizeAsync(http, grains, store, twinId, Permission.ManageTwins, cancellationToken, request!.Model);
        if (grain is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var response = await grain.CreateAsync(request.Model, request.ModelVersion, request.Subject, CallerContext.From(http.User).Source);
        if (response.Outcome is TwinOutcome.Created or TwinOutcome.Ok)
        {
            http.Response.Headers.ETag = Versions.ToETag(response.Version);
        }

        return response.Outcome switch
        {
            TwinOutcome.Created => TypedResults.Created(
                $"/api/v1/twins/{twinId}", await TwinVisibility.ForCallerAsync(http, TwinMapping.FromSnapshotJson(twinId, response.Snapshot!), models, cancellationToken)),
            TwinOutcome.Ok => TypedResults.Ok(
                await TwinVisibility.ForCallerAsync(http, TwinMapping.FromSnapshotJson(twinId, response.Snapshot!), models, cancellationToken)),
            _ => Problems.FromOutcome(response, $"Twin '{twinId}'"),
        };
    }

    private static async Task<Results<Ok<TwinDto>, ProblemHttpResult>> GetAsync(
        string twinId,
        DateTimeOffset? at,
        HttpContext http,
        IGrainFactory grains,
        TwinHistory history,
        ModelCatalog models,
        TimeProvider clock,
        SensitiveReadAudit audit,
        ITwinSpaceStore store,
        CancellationToken cancellationToken)
    {
        var grain = await TwinAccess.AuthorizeAsync(http, grains, store, twinId, Permission.ReadTwins, cancellationToken);
        if (grain is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        if (at is { } instant)
        {
            var past = await history.ReadStateAtAsync(CallerContext.From(http.User).TenantId, twinId, instant, cancellationToken);
            if (past is null)
            {
                return Problems.NotFound($"Twin '{twinId}' at {instant:O}");
            }

            // The twin as its history recorded it: staleness is a judgement about now, not part of the record.
            var then = await TwinVisibility.ForCallerAsync(http, TwinMapping.FromState(twinId, past), models, cancellationToken);
            await audit.RecordTwinReadAsync(http, then, cancellationToken);
            return TypedResults.Ok(then);
        }

        var response = await grain.GetAsync();
        if (response.Outcome is not TwinOutcome.Ok)
        {
            return Problems.FromOutcome(response, $"Twin '{twinId}'");
        }

        http.Response.Headers.ETag = Versions.ToETag(response.Version);
        var twin = await TwinVisibility.ForCallerAsync(
            http,
            await WithStalenessAsync(TwinMapping.FromSnapshotJson(twinId, response.Snapshot!), CallerContext.From(http.User).TenantId, models, clock.GetUtcNow(), cancellationToken),
            models,
            cancellationToken);
        await audit.RecordTwinReadAsync(http, twin, cancellationToken);
        return TypedResults.Ok(twin);
    }

    /// <summary>Marks reported values older than their stale-after as stale, as of the moment of the read.</summary>
    private static async Task<TwinDto> WithStalenessAsync(TwinDto twin, string tenantId, ModelCatalog models, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(tenantId, twin.Model, twin.ModelVersion, cancellationToken);
        return model is null
            ? twin
            : twin with { Metadata = twin.Metadata with { Reported = Staleness.AsOf(model, twin.Metadata.Reported, instant) } };
    }

    private static async Task<Results<Ok<PageDto<TwinDto>>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, HttpContext http, ITwinSpaceStore store, IGrainFactory grains, ModelCatalog models, SensitiveReadAudit audit, CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        var result = await store.ListTwinsAsync(CallerContext.From(http.User).TenantId, page!, cancellationToken);

        // The registry lists the twins; their grains hold the current state (the stored snapshot may trail it).
        // A page holds only the twins the caller may read, so it can come back shorter than the limit.
        var tenantId = CallerContext.From(http.User).TenantId;
        var visible = result.Items.Where(t => TwinAccess.Allows(http, Permission.ReadTwins, t)).ToList();
        var responses = await Task.WhenAll(visible.Select(t => grains.Twin(tenantId, t.TwinId).GetAsync()));
        var items = new List<TwinDto>();
        foreach (var (record, response) in visible.Zip(responses).Where(pair => pair.Second.Outcome is TwinOutcome.Ok))
        {
            items.Add(await TwinVisibility.ForCallerAsync(http, TwinMapping.FromSnapshotJson(record.TwinId, response.Snapshot!), models, cancellationToken));
        }

        foreach (var twin in items)
        {
            await audit.RecordTwinReadAsync(http, twin, cancellationToken);
        }

        return TypedResults.Ok(new PageDto<TwinDto>(items, result.NextAfter));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string twinId, HttpContext http, IGrainFactory grains, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var grain = await TwinAccess.AuthorizeAsync(http, grains, store, twinId, Permission.ManageTwins, cancellationToken);
        if (grain is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var (expected, problem) = Versions.ReadIfMatch(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        var response = await grain.DeleteAsync(expected, CallerContext.From(http.User).Source);
        return response.Outcome is TwinOutcome.Ok ? TypedResults.NoContent() : Problems.FromOutcome(response, $"Twin '{twinId}'");
    }

    /// <summary>Reads the create body strictly: unknown members are refused rather than ignored (no mass assignment).</summary>
    private static (CreateTwinRequest? Request, ProblemHttpResult? Problem) ReadCreateRequest(JsonObject body)
    {
        var unknown = body.Select(p => p.Key).Where(k => k is not ("model" or "modelVersion" or "subject")).ToList();
        if (unknown.Count > 0)
        {
            return (null, Problems.BadRequest("Invalid twin", $"Unknown member(s): {string.Join(", ", unknown)}. Allowed: model, modelVersion, subject.", $"$.{unknown[0]}"));
        }

        string? subject = null;
        if (body["subject"] is { } subjectNode)
        {
            if (subjectNode.GetValueKind() is not JsonValueKind.String || !Mirrorspace.Domain.Common.Identifiers.IsValidTwinId(subjectNode.GetValue<string>()))
            {
                return (null, Problems.BadRequest("Invalid twin", "'subject' must be a data subject id (letters, digits, '.', '_', ':' or '-'), such as a pseudonym.", "$.subject"));
            }

            subject = subjectNode.GetValue<string>();
        }

        if (body["model"] is not JsonValue model || model.GetValueKind() is not JsonValueKind.String)
        {
            return (null, Problems.BadRequest("Invalid twin", "'model' is required and must be a model id.", "$.model"));
        }

        int? version = null;
        if (body["modelVersion"] is { } versionNode)
        {
            if (versionNode.GetValueKind() is not JsonValueKind.Number || !versionNode.AsValue().TryGetValue<int>(out var parsed) || parsed < 1)
            {
                return (null, Problems.BadRequest("Invalid twin", "'modelVersion' must be a positive integer.", "$.modelVersion"));
            }

            version = parsed;
        }

        var modelId = model.GetValue<string>();
        return Mirrorspace.Domain.Common.Identifiers.IsValidModelId(modelId)
            ? (new CreateTwinRequest(modelId, version, subject), null)
            : (null, Problems.BadRequest("Invalid twin", "'model' is not a valid model id.", "$.model"));
    }
}
