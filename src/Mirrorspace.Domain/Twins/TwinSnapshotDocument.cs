using System.Text.Json.Nodes;

namespace Mirrorspace.Domain.Twins;

/// <summary>The serialized form of <see cref="TwinState"/>, written behind the event log.</summary>
public sealed record TwinSnapshotDocument
{
    public required bool Exists { get; init; }

    public required string ModelId { get; init; }

    public required int ModelVersion { get; init; }

    public string? Subject { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required JsonObject Reported { get; init; }

    public required JsonObject Desired { get; init; }

    public required Dictionary<string, PropertyMetadata> ReportedMetadata { get; init; }

    public required Dictionary<string, PropertyMetadata> DesiredMetadata { get; init; }
}
