using System.Text.Json.Nodes;
using Mirrorspace.Runtime.History;

namespace Mirrorspace.Server.Api.Features.History;

public sealed record HistoryEventDto(long Version, DateTimeOffset Timestamp, string Kind, string Source, JsonNode? Payload);

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
