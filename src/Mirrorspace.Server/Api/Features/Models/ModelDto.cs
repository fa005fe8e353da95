using System.Text.Json.Nodes;

namespace Mirrorspace.Server.Api.Features.Models;

public sealed record ModelDto(string Id, int Version, DateTimeOffset CreatedAt, JsonObject Document);

public sealed record ModelSummaryDto(string Id, int Version, string? DisplayName, DateTimeOffset CreatedAt);
