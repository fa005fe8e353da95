using Mirrorspace.Server.Api.Features.Twins;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Domain.Access;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.History;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Api.Features.History;

internal static class HistoryEndpoints
{
    /// <summary>Bounds the work of one downsampling request (DIG-4: expensive queries).</summary>
    public const int MaxBuckets = 10_000;

    public static void MapHistoryEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/twins/{twinId}/history", GetAsync).WithTags("History").RequireAuthorization(Policies.ReadTwins)
            .WithSummary("A twin's history: raw events, or one property's values, optionally downsampled (min/max/avg/count per interval)");
    }

    private static async Task<Results<Ok<HistoryDto>, ProblemHttpResult>> GetAsync(
        string twinId,
        string? property,
        string? side,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? interval,
        int? limit,
        string? after,
        HttpContext http,
        ITwinSpaceStore store,
        TwinHistory history,
        ModelCatalog models,
        SensitiveReadAudit audit,
        CancellationToken cancellationToken)
    {
        var tenantId = CallerContext.From(http.User).TenantId;
        var twin = await TwinAccess.FindAsync(store, http, twinId, Permission.ReadTwins, cancellationToken);
        if (twin is null)
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        // The history of a property the caller may not read answers as that of a property never written.
        var view = AccessViews.Required(http);
        var resource = new TwinResource(twin.TwinId, twin.ModelId);
        var model = await models.GetAsync(tenantId, twin.ModelId, twin.ModelVersion, cancellationToken);
        bool Readable(string name) => view.CanRead(resource, model, name);

        var (query, problem) = HistoryQuery.Read(property, side, from, to, interval, limit, after);
        if (problem is not null)
        {
            return problem;
        }

        if (property is not null && !Readable(property))
        {
            return TypedResults.Ok(new HistoryDto(twinId, property, SideName(query!.Side), interval, null, interval is null ? [] : null, interval is null ? null : [], null));
        }

        await audit.RecordHistoryReadAsync(http, twinId, twin.ModelId, twin.ModelVersion, property, Readable, cancellationToken);

        var range = new EventRange { From = from, To = to, AfterVersion = query!.AfterVersion, Limit = query.Limit + 1 };
        if (property is null)
        {
            var events = new List<HistoryEventDto>();
            await foreach (var change in store.ReadEventsAsync(tenantId, twinId, range, cancellationToken))
            {
                var payload = change.Erased ? null : HistoryVisibility.Filter(change.Kind, JsonNode.Parse(change.Payload), Readable, view.CanSeeSubject);
                events.Add(new HistoryEventDto(change.Version, change.Timestamp, JsonNamingCamel(change.Kind.ToString()), change.Source, payload, change.Erased));
            }

            var (page, next) = Trim(events, query.Limit, e => e.Version);
            return TypedResults.Ok(new HistoryDto(twinId, null, null, null, page, null, null, next));
        }

        if (query.Interval is { } bucketSize)
        {
            var sampler = new Downsampler(bucketSize);
            await foreach (var point in history.ReadPropertyAsync(tenantId, twinId, query.Side, property, range with { Limit = null }, cancellationToken))
            {
                if (!sampler.Add(point))
                {
                    return Problems.BadRequest("Not numeric", $"'{property}' has non-numeric values and cannot be downsampled.", "interval");
                }

                if (sampler.Buckets.Count > MaxBuckets)
                {
                    return Problems.BadRequest("Too many buckets", $"The range holds more than {MaxBuckets} intervals; use a longer interval or a shorter range.", "interval");
                }
            }

            return TypedResults.Ok(new HistoryDto(twinId, property, SideName(query.Side), interval, null, null, sampler.Complete(), null));
        }

        var points = new List<PropertyPoint>();
        await foreach (var point in history.ReadPropertyAsync(tenantId, twinId, query.Side, property, range, cancellationToken))
        {
            points.Add(point);
        }

        var (pointPage, pointNext) = Trim(points, query.Limit, p => p.Version);
        return TypedResults.Ok(new HistoryDto(twinId, property, SideName(query.Side), null, null, pointPage, null, pointNext));
    }

    private static (List<T> Page, string? Next) Trim<T>(List<T> items, int limit, Func<T, long> version)
    {
        if (items.Count <= limit)
        {
            return (items, null);
        }

        var page = items[..limit];
        return (page, version(page[^1]).ToString(CultureInfo.InvariantCulture));
    }

    private static string SideName(TwinSide side) => side is TwinSide.Reported ? "reported" : "desired";

    private static string JsonNamingCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The validated query string of a history request.</summary>
    private sealed record HistoryQuery(TwinSide Side, TimeSpan? Interval, int Limit, long AfterVersion)
    {
        public static (HistoryQuery? Query, ProblemHttpResult? Problem) Read(
            string? property, string? side, DateTimeOffset? from, DateTimeOffset? to, string? interval, int? limit, string? after)
        {
            var twinSide = side switch
            {
                null or "reported" => TwinSide.Reported,
                "desired" => TwinSide.Desired,
                _ => (TwinSide?)null,
            };
            if (twinSide is null)
            {
                return Fail("side must be 'reported' or 'desired'.", "side");
            }

            if (from > to)
            {
                return Fail("from must not be after to.", "from");
            }

            if (property is not null && !Identifiers.IsValidName(property))
            {
                return Fail("property is not a valid property name.", "property");
            }

            TimeSpan? bucket = null;
            if (interval is not null)
            {
                if (property is null)
                {
                    return Fail("interval needs a property to downsample.", "interval");
                }

                try
                {
                    bucket = XmlConvert.ToTimeSpan(interval);
                }
                catch (Exception ex) when (ex is FormatException or OverflowException)
                {
                    return Fail("interval must be an ISO 8601 duration such as PT1M.", "interval");
                }

                if (bucket < TimeSpan.FromMilliseconds(1))
                {
                    return Fail("interval must be at least 1 ms.", "interval");
                }
            }

            var pageSize = limit ?? Paging.DefaultLimit;
            if (pageSize is < 1 or > PageRequest.MaxLimit)
            {
                return Fail($"limit must be between 1 and {PageRequest.MaxLimit}.", "limit");
            }

            long afterVersion = 0;
            if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterVersion))
            {
                return Fail("after must be the 'next' value of a previous page.", "after");
            }

            return (new HistoryQuery(twinSide.Value, bucket, pageSize, afterVersion), null);
        }

        private static (HistoryQuery?, ProblemHttpResult?) Fail(string detail, string field) =>
            (null, Problems.BadRequest("Invalid history query", detail, field));
    }
}
