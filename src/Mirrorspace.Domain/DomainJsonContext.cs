using System.Text.Json.Serialization;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TwinCreation))]
[JsonSerializable(typeof(RelationshipChange))]
[JsonSerializable(typeof(TwinSnapshotDocument))]
public sealed partial class DomainJsonContext : JsonSerializerContext;
