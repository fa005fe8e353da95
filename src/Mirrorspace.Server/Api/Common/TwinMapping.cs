using System.Text.Json;
using Mirrorspace.Domain;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Server.Api.Common;

internal static class TwinMapping
{
    public static TwinDto FromSnapshotJson(string twinId, string snapshotJson)
    {
        var snapshot = JsonSerializer.Deserialize(snapshotJson, DomainJsonContext.Default.TwinSnapshotDocument)
            ?? throw new InvalidOperationException("The twin grain answered without a snapshot.");
        return FromState(twinId, TwinState.FromSnapshot(snapshot));
    }

    public static TwinDto FromState(string twinId, TwinState state) => new(
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
        ToDto(Convergence.Of(state)),
        state.Subject);

    private static ConvergenceDto ToDto(Convergence convergence) => new(convergence.Status, convergence.PendingSince, convergence.Properties);
}
