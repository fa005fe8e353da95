using System.Text.Json.Serialization;

namespace Mirrorspace.Domain.Twins;

/// <summary>Payload of a <see cref="TwinEventKind.Created"/> event.</summary>
public sealed record TwinCreation
{
    [JsonPropertyName("model")]
    public required string ModelId { get; init; }

    [JsonPropertyName("modelVersion")]
    public required int ModelVersion { get; init; }

    /// <summary>The data subject (a person) whose personal and health values this twin holds, if any.</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }
}
