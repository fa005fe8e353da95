using System.Text.Json.Serialization;

namespace Mirrorspace.Domain.Twins;

/// <summary>Payload of relationship events.</summary>
public sealed record RelationshipChange
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("target")]
    public required string TargetId { get; init; }
}
