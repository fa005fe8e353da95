using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Domain.Tests.Integrity;

public class StuckDetectorTests
{
    [Fact]
    public void Observe_NoisySensorThatFreezes_IsStuckOnceAfterTheRun()
    {
        var stream = new SyntheticStreams(seed: 21);
        var detector = new StuckDetector(run: 30);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(IntegritySignal.None, detector.Observe(stream.Next(2.5, 0.3)));
        }

        var signals = Enumerable.Range(0, 100).Select(_ => detector.Observe(2.51)).ToList();

        Assert.Equal(29, signals.IndexOf(IntegritySignal.Stuck));
        Assert.Single(signals, s => s is IntegritySignal.Stuck);
    }

    [Fact]
    public void Observe_SignalThatNeverVaried_IsNeverStuck()
    {
        var detector = new StuckDetector();

        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.Equal(IntegritySignal.None, detector.Observe(1)));
    }

    [Fact]
    public void Observe_100kCleanReadings_NoFalseAlarm()
    {
        var stream = new SyntheticStreams(seed: 22);
        var detector = new StuckDetector();

        Assert.DoesNotContain(Enumerable.Range(0, 100_000).Select(_ => detector.Observe(Math.Round(stream.Next(2.5, 0.3), 3))), s => s is IntegritySignal.Stuck);
    }
}
