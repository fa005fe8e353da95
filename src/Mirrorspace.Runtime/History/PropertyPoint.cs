using System.Text.Json.Nodes;

namespace Mirrorspace.Runtime.History;

/// <summary>One change of one property: the value as patched (null when it was removed).</summary>
public sealed record PropertyPoint(DateTimeOffset Timestamp, long Version, JsonNode? Value, string Source);
