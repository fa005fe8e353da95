namespace Mirrorspace.Simulation.Metrics;

/// <summary>A run in numbers, as printed at its end (and as JSON with <c>--json</c>).</summary>
public sealed record SimulationSummary(
    int Devices,
    double RatePerDevice,
    double Seconds,
    long Published,
    long Acknowledged,
    IReadOnlyDictionary<string, long> Refused,
    long Throttled,
    long Lost,
    long Reconnects,
    long DesiredReceived,
    long CommandsReceived,
    double PublishedPerSecond,
    double AcknowledgedPerSecond,
    LatencySummary LatencyMs)
{
    public static SimulationSummary Of(SimulationSnapshot counters, TimeSpan elapsed, int devices, double ratePerDevice)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        return new SimulationSummary(
            devices,
            ratePerDevice,
            Math.Round(elapsed.TotalSeconds, 3),
            counters.Published,
            counters.Acknowledged,
            counters.Refused,
            counters.Throttled,
            counters.Lost,
            counters.Reconnects,
            counters.DesiredReceived,
            counters.CommandsReceived,
            Math.Round(counters.Published / seconds, 1),
            Math.Round(counters.Acknowledged / seconds, 1),
            LatencySummary.Of(counters.Latency));
    }
}
