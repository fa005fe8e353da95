using System.Text.Json;
using Mirrorspace.Domain;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Server.Api.Common;

internal static class TwinMapping
{
    /// <param name="now">The instant the twin is shown at: how long a desired value has been pending is measured to it.</param>
    public static TwinDto FromSnapshotJson(string twinId, string snapshotJson, DateTimeOffset now)
    {
        var snapshot = JsonSerializer.Deserialize(snapshotJson, DomainJsonContext.Default.TwinSnapshotDocument)
            ?? throw new InvalidOperationException("The twin grain answered without a snapshot.");
        return FromState(twinId, TwinState.FromSnapshot(snapshot), now);
    }

    public static TwinDto FromState(string twinId, TwinState state, DateTimeOffset now) => new(
        twinId,
        state.ModelId,
        state.ModelVersion,
        state.Version,
        state.CreatedAt,
        state.UpdatedAt,
        state.Reported,
        state.Desired,
        state.Delta(),
        new TwinMetadataDto(state.ReportedMetadata, state.DesiredMetadata),
        ToDto(Convergence.Of(state), now),
        state.Subject);

    private static ConvergenceDto ToDto(Convergence convergence, DateTimeOffset now) => new(
        convergence.Status,
        convergence.PendingSince,
        convergence.PendingSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : null,
        convergence.Properties);
}
