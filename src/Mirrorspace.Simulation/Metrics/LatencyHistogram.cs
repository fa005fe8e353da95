namespace Mirrorspace.Simulation.Metrics;

/// <summary>
/// Counts latencies in log-linear buckets: exact below 64 µs, then 32 buckets per doubling (about 3%
/// wide), up to about 18 minutes. Recording is lock-free, so every device can record on its own loop.
/// </summary>
public sealed class LatencyHistogram
{
    internal const int ExactBelow = 64;
    internal const int SubBuckets = 32;
    private const int SubBucketBits = 5;
    private const int FirstExponent = 6;
    private const int LastExponent = 30;
    internal const int BucketCount = ExactBelow + ((LastExponent - FirstExponent + 1) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(0, (long)latency.TotalMicroseconds);
        Interlocked.Increment(ref _counts[BucketOf(micros)]);
    }

    public LatencyDistribution Snapshot()
    {
        var copy = new long[BucketCount];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _counts[i]);
        }

        return new LatencyDistribution(copy);
    }

    internal static int BucketOf(long micros)
    {
        if (micros < ExactBelow)
        {
            return (int)micros;
        }

        var exponent = (int)Math.Min(63 - long.LeadingZeroCount(micros), LastExponent);
        var sub = Math.Min((micros >> (exponent - SubBucketBits)) - SubBuckets, SubBuckets - 1);
        return ExactBelow + ((exponent - FirstExponent) * SubBuckets) + (int)sub;
    }

    /// <summary>The largest latency, in microseconds, that falls into <paramref name="bucket"/>.</summary>
    internal static long UpperBoundOf(int bucket)
    {
        if (bucket < ExactBelow)
        {
            return bucket;
        }

        var exponent = ((bucket - ExactBelow) / SubBuckets) + FirstExponent;
        var sub = (bucket - ExactBelow) % SubBuckets;
        var width = 1L << (exponent - SubBucketBits);
        return ((SubBuckets + sub + 1) * width) - 1;
    }
}
