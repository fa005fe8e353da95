using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Runtime.History;

/// <summary>Reads a twin's past from its event log: state at an instant, and the series of one property.</summary>
public sealed class TwinHistory(ITwinSpaceStore store)
{
    /// <summary>The twin as it was at <paramref name="at"/>, or null if it did not exist then.</summary>
    public async Task<TwinState?> ReadStateAtAsync(string tenantId, string twinId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var state = new TwinState();
        await foreach (var change in store.ReadEventsAsync(tenantId, twinId, new EventRange { To = at }, cancellationToken).ConfigureAwait(false))
        {
            state.Apply(change);
        }

        return state.Exists ? state : null;
    }

    /// <summary>Every change of one property on one side, oldest first.</summary>
    public async IAsyncEnumerable<PropertyPoint> ReadPropertyAsync(
        string tenantId,
        string twinId,
        TwinSide side,
        string property,
        EventRange range,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var unlimited = range with { Limit = null };
        var remaining = range.Limit ?? int.MaxValue;
        await foreach (var change in store.ReadEventsAsync(tenantId, twinId, unlimited, cancellationToken).ConfigureAwait(false))
        {
            if (!IsSide(change.Kind, side) || JsonNode.Parse(change.Payload) is not JsonObject patch || !patch.TryGetPropertyValue(property, out var value))
            {
                continue;
            }

            yield return new PropertyPoint(change.Timestamp, change.Version, value?.DeepClone(), change.Source);
            if (--remaining == 0)
            {
                yield break;
            }
        }
    }

    private static bool IsSide(TwinEventKind kind, TwinSide side) => side is TwinSide.Reported
        ? kind is TwinEventKind.ReportedPatched or TwinEventKind.ReportedSuspect
        : kind is TwinEventKind.DesiredPatched;
}
