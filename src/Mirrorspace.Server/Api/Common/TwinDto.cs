using System.Text.Json.Nodes;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Server.Api.Common;

/// <summary>A twin as the API shows it: state on both sides, what is still to converge, and where each value came from.</summary>
public sealed record TwinDto(
    string Id,
    string Model,
    int ModelVersion,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonObject Reported,
    JsonObject Desired,
    JsonObject Delta,
    TwinMetadataDto Metadata,
    ConvergenceDto Convergence,
    string? Subject = null);

/// <summary>Whether the device has caught up with the desired state; see <see cref="Convergence"/>.</summary>
public sealed record ConvergenceDto(ConvergenceStatus Status, DateTimeOffset? PendingSince, double? PendingSeconds, IReadOnlyList<string> Properties);

public sealed record TwinMetadataDto(
    IReadOnlyDictionary<string, PropertyMetadata> Reported,
    IReadOnlyDictionary<string, PropertyMetadata> Desired);
