using Mirrorspace.Simulation.Metrics;

namespace Mirrorspace.Simulation.Tests.Metrics;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Quantile_SmallLatencies_AreExact()
    {
        var sut = new LatencyHistogram();
        foreach (var micros in Enumerable.Range(1, 50))
        {
            sut.Record(TimeSpan.FromMicroseconds(micros));
        }

        var snapshot = sut.Snapshot();

        Assert.Equal(TimeSpan.FromMicroseconds(25), snapshot.Quantile(0.5));
        Assert.Equal(TimeSpan.FromMicroseconds(50), snapshot.Quantile(1));
    }

    [Theory]
    [InlineData(0.5, 5_000)]
    [InlineData(0.99, 9_900)]
    public void Quantile_LargeLatencies_AreWithinThreePercentAbove(double quantile, double expectedMicros)
    {
        var sut = new LatencyHistogram();
        foreach (var micros in Enumerable.Range(1, 10_000))
        {
            sut.Record(TimeSpan.FromMicroseconds(micros));
        }

        var value = sut.Snapshot().Quantile(quantile)!.Value.TotalMicroseconds;

        Assert.InRange(value, expectedMicros, expectedMicros * 1.035);
    }

    [Fact]
    public void Quantile_NothingRecorded_IsNull()
    {
        Assert.Null(new LatencyHistogram().Snapshot().Quantile(0.5));
    }

    [Fact]
    public void Record_HugeLatency_LandsInTheLastBucket()
    {
        var sut = new LatencyHistogram();

        sut.Record(TimeSpan.FromDays(3));

        Assert.True(sut.Snapshot().Quantile(1) >= TimeSpan.FromMinutes(17));
    }

    [Fact]
    public void BucketOf_EveryBucket_HoldsItsUpperBoundAndNotTheNextValue()
    {
        for (var bucket = 0; bucket < LatencyHistogram.BucketCount - 1; bucket++)
        {
            var upper = LatencyHistogram.UpperBoundOf(bucket);
            Assert.Equal(bucket, LatencyHistogram.BucketOf(upper));
            Assert.Equal(bucket + 1, LatencyHistogram.BucketOf(upper + 1));
        }
    }

    [Fact]
    public void Since_EarlierSnapshot_LeavesOnlyTheWindow()
    {
        var sut = new LatencyHistogram();
        sut.Record(TimeSpan.FromSeconds(5));
        var warmUp = sut.Snapshot();
        sut.Record(TimeSpan.FromMilliseconds(1));
        sut.Record(TimeSpan.FromMilliseconds(1));

        var window = sut.Snapshot().Since(warmUp);

        Assert.Equal(2, window.Count);
        Assert.True(window.Quantile(1) < TimeSpan.FromMilliseconds(1.1));
    }
}
