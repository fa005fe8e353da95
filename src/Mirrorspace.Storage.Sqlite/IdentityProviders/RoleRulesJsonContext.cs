using System.Text.Json.Serialization;
using Mirrorspace.Storage.IdentityProviders;

namespace Mirrorspace.Storage.Sqlite.IdentityProviders;

/// <summary>The role rules column: an ordered JSON array, since the first matching rule wins.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<RoleRule>))]
internal sealed partial class RoleRulesJsonContext : JsonSerializerContext;
