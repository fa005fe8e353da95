namespace Mirrorspace.Simulation.Metrics;

/// <summary>The counters of a run at one instant; see <see cref="SimulationCounters"/>.</summary>
public sealed record SimulationSnapshot(
    long Published,
    long Acknowledged,
    IReadOnlyDictionary<string, long> Refused,
    long Throttled,
    long Lost,
    long Reconnects,
    long DesiredReceived,
    long CommandsReceived,
    LatencyDistribution Latency)
{
    public static SimulationSnapshot Empty { get; } = new(0, 0, new Dictionary<string, long>(), 0, 0, 0, 0, 0, LatencyDistribution.Empty);

    public long RefusedTotal => Refused.Values.Sum();

    /// <summary>Sent but not answered yet.</summary>
    public long InFlight => Published - Acknowledged - RefusedTotal - Throttled - Lost;

    /// <summary>What happened after <paramref name="earlier"/>, for a measurement window that leaves out a warm-up.</summary>
    public SimulationSnapshot Since(SimulationSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new SimulationSnapshot(
            Published - earlier.Published,
            Acknowledged - earlier.Acknowledged,
            Refused.ToDictionary(p => p.Key, p => p.Value - earlier.Refused.GetValueOrDefault(p.Key), StringComparer.Ordinal),
            Throttled - earlier.Throttled,
            Lost - earlier.Lost,
            Reconnects - earlier.Reconnects,
            DesiredReceived - earlier.DesiredReceived,
            CommandsReceived - earlier.CommandsReceived,
            Latency.Since(earlier.Latency));
    }
}
