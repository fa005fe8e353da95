using System.Text.Json.Serialization;

namespace Mirrorspace.Storage.Connectors;

/// <summary>The sealed plaintext of connector credentials: camelCase JSON, absent members left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectorCredentials))]
internal sealed partial class ConnectorJsonContext : JsonSerializerContext;
