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

/// <summary>
/// Whether the device has caught up with the desired state; see <see cref="Convergence"/>. How long a
/// value has been pending is read from <see cref="PendingSince"/>, so the document stays a function of
/// the twin's history and a read at a past instant returns exactly what was shown then.
/// </summary>
public sealed record ConvergenceDto(ConvergenceStatus Status, DateTimeOffset? PendingSince, IReadOnlyList<string> Properties);

public sealed record TwinMetadataDto(
    IReadOnlyDictionary<string, PropertyMetadata> Reported,
    IReadOnlyDictionary<string, PropertyMetadata> Desired);
