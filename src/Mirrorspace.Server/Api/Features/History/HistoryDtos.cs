using System.Text.Json.Nodes;
using Mirrorspace.Runtime.History;

namespace Mirrorspace.Server.Api.Features.History;

/// <summary>One event; <paramref name="Erased"/> when its values belonged to a data subject who has been erased.</summary>
public sealed record HistoryEventDto(long Version, DateTimeOffset Timestamp, string Kind, string Source, JsonNode? Payload, bool Erased = false);

/// <summary>The history of a twin: raw events, the points of one property, or its downsampled buckets.</summary>
public sealed record HistoryDto(
    string TwinId,
    string? Property,
    string? Side,
    string? Interval,
    IReadOnlyList<HistoryEventDto>? Events,
    IReadOnlyList<PropertyPoint>? Points,
    IReadOnlyList<HistoryBucket>? Buckets,
    string? Next);
