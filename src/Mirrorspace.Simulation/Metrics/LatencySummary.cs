namespace Mirrorspace.Simulation.Metrics;

/// <summary>Publish-to-acknowledgement latency in milliseconds; null when nothing was acknowledged.</summary>
public sealed record LatencySummary(double? P50, double? P90, double? P99, double? Max)
{
    public static LatencySummary Of(LatencyDistribution latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        return new LatencySummary(Ms(latency.Quantile(0.5)), Ms(latency.Quantile(0.9)), Ms(latency.Quantile(0.99)), Ms(latency.Quantile(1)));
    }

    private static double? Ms(TimeSpan? value) => value is { } v ? Math.Round(v.TotalMilliseconds, 2) : null;
}
