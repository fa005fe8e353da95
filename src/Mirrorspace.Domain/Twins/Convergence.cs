namespace Mirrorspace.Domain.Twins;

/// <summary>
/// Whether the entity has caught up with what was asked of it. <c>Pending</c>: a desired value the
/// device has not reported since it was set. <c>Diverged</c>: the device has reported since and still
/// disagrees — waiting longer will not help. <see cref="PendingSince"/> is when the oldest open
/// desired value was set.
/// </summary>
public sealed record Convergence(ConvergenceStatus Status, DateTimeOffset? PendingSince, IReadOnlyList<string> Properties)
{
    public static Convergence Of(TwinState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var open = state.Delta();
        if (open.Count == 0)
        {
            return new Convergence(ConvergenceStatus.Converged, null, []);
        }

        var names = open.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var since = names.Min(name => state.DesiredMetadata[name].LastUpdated);
        var diverged = names.Any(name =>
            state.ReportedMetadata.TryGetValue(name, out var reported)
            && reported.Version > state.DesiredMetadata[name].Version);
        return new Convergence(diverged ? ConvergenceStatus.Diverged : ConvergenceStatus.Pending, since, names);
    }
}
