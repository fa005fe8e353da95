using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Domain.Tests.Integrity;

public class SpikeDetectorTests
{
    [Fact]
    public void Observe_100kCleanReadings_AtMostOneFalseAlarm()
    {
        var stream = new SyntheticStreams(seed: 1);
        var detector = new SpikeDetector();

        var alarms = Enumerable.Range(0, 100_000).Count(_ => detector.Observe(stream.Next(41.7, 0.5)) is IntegritySignal.Spike);

        Assert.True(alarms <= 1, $"{alarms} false alarms");
    }

    [Fact]
    public void Observe_OneValueTwentySigmaAway_IsASpike()
    {
        var stream = new SyntheticStreams(seed: 2);
        var detector = new SpikeDetector();
        for (var i = 0; i < 200; i++)
        {
            detector.Observe(stream.Next(41.7, 0.5));
        }

        Assert.Equal(IntegritySignal.Spike, detector.Observe(41.7 + 10));
        Assert.Equal(IntegritySignal.None, detector.Observe(stream.Next(41.7, 0.5)));
    }

    [Fact]
    public void Observe_ConstantLegitimateValueThenATinyStep_IsNoSpike()
    {
        var detector = new SpikeDetector();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(IntegritySignal.None, detector.Observe(20.0));
        }

        Assert.Equal(IntegritySignal.None, detector.Observe(20.01));
    }

    [Fact]
    public void Observe_BurstOfSpikes_AllFlagged()
    {
        var stream = new SyntheticStreams(seed: 3);
        var detector = new SpikeDetector();
        for (var i = 0; i < 100; i++)
        {
            detector.Observe(stream.Next(5, 0.2));
        }

        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(IntegritySignal.Spike, detector.Observe(50)));
    }

    [Fact]
    public void Observe_DuringWarmUp_NeverFlags()
    {
        var detector = new SpikeDetector(window: 31);

        Assert.All(new[] { 1.0, 1000, -1000, 5, 1e9 }, v => Assert.Equal(IntegritySignal.None, detector.Observe(v)));
    }
}
