using Mirrorspace.Domain.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Api.Features.Twins;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Integrity;

namespace Mirrorspace.Server.Api.Features.Integrity;

/// <summary>A twin's signals feed: what the ingestion pipeline noticed about its data, in the order it was noticed.</summary>
internal static class SignalEndpoints
{
    public static void MapSignalEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/twins/{twinId}/signals", ListAsync).WithTags("Integrity").RequireAuthorization(Policies.ReadIntegrity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A twin's signals (out of bounds, spike, replay, bad signature…), oldest first after a signal id; pass next as after to read on or to poll");
    }

    private static async Task<Results<Ok<SignalFeedDto>, ProblemHttpResult>> ListAsync(
        string twinId,
        long? after,
        int? limit,
        HttpContext http,
        IntegrityAccess access,
        IIntegrityStore store,
        SensitiveReadAudit audit,
        CancellationToken cancellationToken)
    {
        var readable = await access.ReadableAsync(http, twinId, Permission.ReadIntegrity, cancellationToken);
        if (readable is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var (page, problem) = Paging.Read(limit, after: null);
        if (problem is not null)
        {
            return problem;
        }

        var from = after ?? 0;
        if (from < 0)
        {
            return Problems.BadRequest("Invalid paging", "after must be the 'next' value of a previous page, or 0.", "after");
        }

        var signals = await store.ListSignalsAsync(CallerContext.From(http.User).TenantId, twinId, from, page!.Limit, cancellationToken);

        // A detail quotes the value it is about, so reading it is reading that property: a signal about a
        // property the caller may not read is left out (the cursor still moves past it).
        var shown = signals.Where(s => s.Property is null || readable(s.Property)).ToList();
        var properties = shown.Select(s => s.Property).OfType<string>().ToHashSet(StringComparer.Ordinal);
        await audit.RecordPropertiesReadAsync(http, twinId, properties, cancellationToken);
        return TypedResults.Ok(new SignalFeedDto([.. shown.Select(SignalDto.From)], signals.Count > 0 ? signals[^1].SignalId : from));
    }
}
