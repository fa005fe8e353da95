using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Domain.Tests.Integrity;

public class DriftDetectorTests
{
    [Fact]
    public void Observe_100kCleanReadings_AtMostOneFalseAlarm()
    {
        var stream = new SyntheticStreams(seed: 11);
        var detector = new DriftDetector();

        var alarms = Enumerable.Range(0, 100_000).Count(_ => detector.Observe(stream.Next(41.7, 0.5)) is IntegritySignal.Drift);

        Assert.True(alarms <= 1, $"{alarms} false alarms");
    }

    [Fact]
    public void Observe_SlowRampOfATenthSigmaPerTenReadings_IsDetectedWithinAHundredReadings()
    {
        var stream = new SyntheticStreams(seed: 12);
        var detector = new DriftDetector();
        for (var i = 0; i < 2_000; i++)
        {
            Assert.Equal(IntegritySignal.None, detector.Observe(stream.Next(41.7, 0.5)));
        }

        // 0.005 per reading is 1% of sigma: no single reading stands out.
        var detectedAfter = Enumerable.Range(1, 1_000).FirstOrDefault(i => detector.Observe(stream.Next(41.7 + (0.005 * i), 0.5)) is IntegritySignal.Drift);

        Assert.InRange(detectedAfter, 1, 200);
    }

    [Fact]
    public void Observe_DownwardDrift_IsDetected()
    {
        var stream = new SyntheticStreams(seed: 13);
        var detector = new DriftDetector();
        for (var i = 0; i < 1_000; i++)
        {
            detector.Observe(stream.Next(10, 1));
        }

        Assert.Contains(Enumerable.Range(1, 500).Select(i => detector.Observe(stream.Next(10 - (0.02 * i), 1))), s => s is IntegritySignal.Drift);
    }

    [Fact]
    public void Observe_ConstantSignal_NeverDrifts()
    {
        var detector = new DriftDetector();

        Assert.All(Enumerable.Range(0, 10_000), _ => Assert.Equal(IntegritySignal.None, detector.Observe(3.3)));
    }

    [Fact]
    public void Observe_LongRampAndBack_SignalsOnceAndNotAfterwards()
    {
        var stream = new SyntheticStreams(seed: 21);
        var detector = new DriftDetector();
        for (var i = 0; i < 1_000; i++)
        {
            detector.Observe(stream.Next(50, 1));
        }

        var duringRamp = Enumerable.Range(0, 400).Count(i => detector.Observe(stream.Next(50 + (i * 0.02), 1)) is IntegritySignal.Drift);
        var afterwards = Enumerable.Range(0, 2_000).Count(_ => detector.Observe(stream.Next(50, 1)) is IntegritySignal.Drift);

        Assert.Equal(1, duringRamp);
        Assert.Equal(0, afterwards);
    }
}
