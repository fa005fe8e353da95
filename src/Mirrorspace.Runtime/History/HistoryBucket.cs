namespace Mirrorspace.Runtime.History;

/// <summary>Aggregate of the numeric values of one property within [Start, Start + interval).</summary>
public sealed record HistoryBucket(DateTimeOffset Start, double Min, double Max, double Average, long Count);
