using Mirrorspace.Domain.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Api.Features.Twins;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Api.Features.Integrity;

/// <summary>
/// Readings the pipeline held instead of applying: list and inspect them, then release (apply) or
/// discard each. Everything is scoped to the caller's tenant, so another tenant's entry is absent (404).
/// </summary>
internal static class QuarantineEndpoints
{
    public static void MapQuarantineEndpoints(this IEndpointRouteBuilder api)
    {
        var quarantine = api.MapGroup("/quarantine").WithTags("Integrity");
        quarantine.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadIntegrity)
            .WithSummary("Held readings, newest first; twinId and state (held, released, discarded) narrow the list");
        quarantine.MapGet("/{quarantineId}", GetAsync).RequireAuthorization(Policies.ReadIntegrity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A held reading: its values, why each was held, who sent it, and what became of it");
        quarantine.MapPost("/{quarantineId}/release", ReleaseAsync).RequireAuthorization(Policies.ReviewQuarantine)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Apply a held reading's values to its twin (a person vouches for them: bounds no longer apply, types still do) and mark it released");
        quarantine.MapPost("/{quarantineId}/discard", DiscardAsync).RequireAuthorization(Policies.ReviewQuarantine)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Throw a held reading away and mark it discarded; the twin does not change");
    }

    private static async Task<Results<Ok<PageDto<QuarantineEntryDto>>, ProblemHttpResult>> ListAsync(
        string? twinId,
        string? state,
        int? limit,
        string? after,
        HttpContext http,
        IIntegrityStore store,
        IntegrityAccess access,
        SensitiveReadAudit audit,
        CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        if (twinId is not null && !Identifiers.IsValidTwinId(twinId))
        {
            return Problems.BadRequest("Invalid quarantine query", "twinId is not a valid twin id.", "twinId");
        }

        if (!TryReadState(state, out var wanted))
        {
            return Problems.BadRequest("Invalid quarantine query", "state must be 'held', 'released' or 'discarded'.", "state");
        }

        Page<QuarantineRecord> result;
        try
        {
            result = await store.ListQuarantineAsync(CallerContext.From(http.User).TenantId, twinId, wanted, page!, cancellationToken);
        }
        catch (ArgumentException)
        {
            // The store refuses a cursor it did not hand out; it is the caller's mistake, not the node's.
            return Problems.BadRequest("Invalid paging", "after must be the 'next' value of a previous page.", "after");
        }

        // Entries of twins the caller may not reach are left out, so a page can come back shorter than the limit.
        var readableByTwin = new Dictionary<string, Func<string, bool>?>(StringComparer.Ordinal);
        var items = new List<QuarantineEntryDto>();
        foreach (var held in result.Items)
        {
            if (!readableByTwin.TryGetValue(held.TwinId, out var readable))
            {
                readable = await access.ReadableAsync(http, held.TwinId, Permission.ReadIntegrity, cancellationToken);
                readableByTwin[held.TwinId] = readable;
            }

            if (readable is not null)
            {
                items.Add(IntegrityAccess.Filter(QuarantineEntryDto.From(held), readable));
            }
        }
        await AuditValuesAsync(http, items, audit, cancellationToken);
        return TypedResults.Ok(new PageDto<QuarantineEntryDto>(items, result.NextAfter));
    }

    private static async Task<Results<Ok<QuarantineEntryDto>, ProblemHttpResult>> GetAsync(
        string quarantineId, HttpContext http, IIntegrityStore store, IntegrityAccess access, SensitiveReadAudit audit, CancellationToken cancellationToken)
    {
        var held = await store.GetQuarantineAsync(CallerContext.From(http.User).TenantId, quarantineId, cancellationToken);
        var readable = held is null ? null : await access.ReadableAsync(http, held.TwinId, Permission.ReadIntegrity, cancellationToken);
        return readable is null ? NotFound(quarantineId) : await ShowAsync(held!, readable, http, audit, cancellationToken);
    }

    private static Task<Results<Ok<QuarantineEntryDto>, ProblemHttpResult>> ReleaseAsync(
        string quarantineId, HttpContext http, IIntegrityStore store, IntegrityAccess access, IGrainFactory grains, SensitiveReadAudit audit, CancellationToken cancellationToken) =>
        DecideAsync(quarantineId, (grain, decidedBy) => grain.ReleaseHeldAsync(quarantineId, decidedBy), http, store, access, grains, audit, cancellationToken);

    private static Task<Results<Ok<QuarantineEntryDto>, ProblemHttpResult>> DiscardAsync(
        string quarantineId, HttpContext http, IIntegrityStore store, IntegrityAccess access, IGrainFactory grains, SensitiveReadAudit audit, CancellationToken cancellationToken) =>
        DecideAsync(quarantineId, (grain, decidedBy) => grain.DiscardHeldAsync(quarantineId, decidedBy), http, store, access, grains, audit, cancellationToken);

    /// <summary>
    /// The decision goes through the twin's grain, which takes one at a time and checks the entry is
    /// still held, so a reading is never both released and discarded, nor released twice.
    /// </summary>
    private static async Task<Results<Ok<QuarantineEntryDto>, ProblemHttpResult>> DecideAsync(
        string quarantineId,
        Func<ITwinGrain, string, Task<TwinResponse>> decide,
        HttpContext http,
        IIntegrityStore store,
        IntegrityAccess access,
        IGrainFactory grains,
        SensitiveReadAudit audit,
        CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(http.User);
        var held = await store.GetQuarantineAsync(caller.TenantId, quarantineId, cancellationToken);
        var readable = held is null ? null : await access.ReadableAsync(http, held.TwinId, Permission.ReviewQuarantine, cancellationToken);
        if (readable is null)
        {
            return NotFound(quarantineId);
        }

        var response = await decide(grains.Twin(caller.TenantId, held!.TwinId), caller.Source);
        if (response.Outcome is not TwinOutcome.Ok)
        {
            return Problems.FromOutcome(response, $"Quarantined reading '{quarantineId}'");
        }

        var decided = await store.GetQuarantineAsync(caller.TenantId, quarantineId, cancellationToken)
            ?? throw new InvalidOperationException($"Quarantined reading {quarantineId} vanished as it was decided.");
        return await ShowAsync(decided, readable, http, audit, cancellationToken);
    }

    private static async Task<Results<Ok<QuarantineEntryDto>, ProblemHttpResult>> ShowAsync(
        QuarantineRecord held, Func<string, bool> readable, HttpContext http, SensitiveReadAudit audit, CancellationToken cancellationToken)
    {
        var entry = IntegrityAccess.Filter(QuarantineEntryDto.From(held), readable);
        await AuditValuesAsync(http, [entry], audit, cancellationToken);
        return TypedResults.Ok(entry);
    }

    /// <summary>Held values are the twin's values, personal and health ones included: handing them out is audited like a read of the twin.</summary>
    private static async Task AuditValuesAsync(HttpContext http, IReadOnlyList<QuarantineEntryDto> entries, SensitiveReadAudit audit, CancellationToken cancellationToken)
    {
        foreach (var twin in entries.Where(e => e.Values is not null).GroupBy(e => e.TwinId, StringComparer.Ordinal))
        {
            var properties = twin.SelectMany(e => e.Values!.Select(v => v.Key)).ToHashSet(StringComparer.Ordinal);
            await audit.RecordPropertiesReadAsync(http, twin.Key, properties, cancellationToken);
        }
    }

    /// <summary>The state's name as the API writes it (camel case); no name, no filter.</summary>
    private static bool TryReadState(string? name, out QuarantineState? state)
    {
        state = name switch
        {
            "held" => QuarantineState.Held,
            "released" => QuarantineState.Released,
            "discarded" => QuarantineState.Discarded,
            _ => null,
        };
        return name is null || state is not null;
    }

    private static ProblemHttpResult NotFound(string quarantineId) => Problems.NotFound($"Quarantined reading '{quarantineId}'");
}
