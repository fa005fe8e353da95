namespace Mirrorspace.Simulation.Metrics;

/// <summary>The latencies counted up to one instant; two of them subtract to give a measurement window.</summary>
public sealed class LatencyDistribution
{
    private readonly long[] _counts;

    internal LatencyDistribution(long[] counts)
    {
        _counts = counts;
        Count = counts.Sum();
    }

    public static LatencyDistribution Empty { get; } = new(new long[LatencyHistogram.BucketCount]);

    public long Count { get; }

    /// <summary>What was recorded after <paramref name="earlier"/> (a snapshot of the same histogram).</summary>
    public LatencyDistribution Since(LatencyDistribution earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = _counts[i] - earlier._counts[i];
        }

        return new LatencyDistribution(counts);
    }

    /// <summary>
    /// The latency at or below which <paramref name="quantile"/> of the samples fall, read as the upper
    /// edge of its bucket (so it never flatters); null when nothing was recorded.
    /// </summary>
    public TimeSpan? Quantile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(LatencyHistogram.UpperBoundOf(i));
            }
        }

        return TimeSpan.FromMicroseconds(LatencyHistogram.UpperBoundOf(_counts.Length - 1));
    }
}
