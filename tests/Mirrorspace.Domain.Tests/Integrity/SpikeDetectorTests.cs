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

    [Theory]
    [InlineData(31)]
    [InlineData(6)]
    public void Observe_ScoreEqualsTheTextbookRobustZ_OnStreamsWithRepeatsAndSpikes(int window)
    {
        // The detector keeps its window sorted incrementally; here the score is recomputed the slow,
        // obvious way (sort, median, sort the deviations, median) over the same window, with the
        // remembered spread as the detector defines it.
        var random = new Random(11);
        var detector = new SpikeDetector(window, threshold: 6);
        var kept = new List<double>();
        var learned = 0.0;
        for (var i = 0; i < 5_000; i++)
        {
            var value = random.Next(10) == 0 ? random.Next(-5, 5) * 40.0 : Math.Round(random.NextDouble() * 4, 1);
            var signal = detector.Observe(value);
            if (kept.Count >= window / 2)
            {
                var median = Median(kept);
                var spread = 1.4826 * Median([.. kept.Select(v => Math.Abs(v - median))]);
                learned = spread > 0 ? (learned == 0 ? spread : learned + ((spread - learned) / window)) : learned;
                var expected = Math.Abs(value - median) / Math.Max(Math.Max(spread, learned), Math.Max(1e-6, Math.Abs(median) * 1e-3));
                Assert.Equal(expected, detector.LastScore, 9);
            }

            if (signal is IntegritySignal.None)
            {
                kept.Add(value);
                if (kept.Count > window)
                {
                    kept.RemoveAt(0);
                }
            }
        }
    }

    [Fact]
    public void Observe_HonestReadingsAfterAStuckRun_AreNoSpikes()
    {
        var stream = new SyntheticStreams(seed: 5);
        var detector = new SpikeDetector();
        for (var i = 0; i < 200; i++)
        {
            detector.Observe(stream.Next(230, 1));
        }

        for (var i = 0; i < 60; i++)
        {
            detector.Observe(230.4);
        }

        var afterwards = Enumerable.Range(0, 200).Count(_ => detector.Observe(stream.Next(230, 1)) is IntegritySignal.Spike);

        Assert.Equal(0, afterwards);
        Assert.Equal(IntegritySignal.Spike, detector.Observe(260));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
