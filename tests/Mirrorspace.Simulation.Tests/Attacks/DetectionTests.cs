using Mirrorspace.Simulation.Attacks;

namespace Mirrorspace.Simulation.Tests.Attacks;

/// <summary>Judging a run: which message a signal belongs to, and the arithmetic of the report.</summary>
public sealed class DetectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void DelayOf_OddAndEvenCounts_MedianAndMax()
    {
        Assert.Equal(new Delay(3, 5), Delay.Of([5, 1, 3]));
        Assert.Equal(new Delay(2.5, 4), Delay.Of([4, 1, 3, 2]));
        Assert.Equal(new Delay(null, null), Delay.Of([]));
    }

    [Fact]
    public void Judge_SignalWhileAnInjectedMessageWasInFlight_DetectsItWithItsDelay()
    {
        var spike = new Injection(0, 0, AttackClass.Spike, "temperature", FirstTick: 5, Ticks: 1);
        var stuck = new Injection(1, 0, AttackClass.Stuck, "temperature", FirstTick: 10, Ticks: 4);
        var run = Run(20, [spike, stuck], [Signal("spike", 5), Signal("stuck", 12)]);

        var (classes, messages, _, _) = Detection.Judge([run], signalsFeed: true);

        var spikes = Class(classes, AttackClass.Spike);
        Assert.Equal((1, 1, 0), (spikes.Injections, spikes.Detected!.Value, spikes.Missed!.Value));
        Assert.Equal(new Delay(0, 0), spikes.DelayReadings);
        Assert.Equal(new Delay(RoundTrip.TotalMilliseconds, RoundTrip.TotalMilliseconds), spikes.DelayMs);
        var stucks = Class(classes, AttackClass.Stuck);
        Assert.Equal(1, stucks.Detected);
        Assert.Equal(new Delay(2, 2), stucks.DelayReadings);
        Assert.Equal(((2 * Tick) + RoundTrip).TotalMilliseconds, stucks.DelayMs.Median);
        Assert.Equal(new MessageCounts(20, 0, 15), messages);
        Assert.All(classes, c => Assert.Equal(0, c.FalseAlarms));
    }

    [Fact]
    public void Judge_SignalOnACleanReading_IsAFalseAlarmCountedPer100k()
    {
        var run = Run(40, [], [Signal("drift", 17), Signal("inconsistent", 3), Signal("inconsistent", 3)]);

        var (classes, _, _, _) = Detection.Judge([run], signalsFeed: true);

        var drift = Class(classes, AttackClass.Drift);
        Assert.Equal(1, drift.FalseAlarms);
        Assert.Equal(40, drift.CleanReadings);
        Assert.Equal(2_500, drift.FalseAlarmsPer100k);

        // Several signals about one reading (a behaviour names each of its properties) are one alarm.
        Assert.Equal(1, Class(classes, AttackClass.Inconsistent).FalseAlarms);
    }

    [Fact]
    public void Judge_FalseAlarmsAndInjections_AreListedOneByOne()
    {
        var stuck = new Injection(7, 0, AttackClass.Stuck, "voltage", FirstTick: 2, Ticks: 4);
        var run = Run(12, [stuck], [Signal("stuck", 4), Signal("spike", 8)]);

        var judged = Detection.Judge([run], signalsFeed: true);

        var alarm = Assert.Single(judged.FalseAlarms);
        Assert.Equal(new FalseAlarm("t-1", "spike", "temperature", 8, Start + (8 * Tick), "stuck", 2), alarm);
        var outcome = Assert.Single(judged.Injections);
        Assert.Equal(new InjectionOutcome(7, "t-1", "stuck", "voltage", 2, 4, Start + (2 * Tick), true, 2, ((2 * Tick) + RoundTrip).TotalMilliseconds), outcome);
    }

    [Fact]
    public void Judge_SignalOfAnotherClassOnAnInjection_IsNeitherDetectionNorFalseAlarm()
    {
        var stuck = new Injection(0, 0, AttackClass.Stuck, "temperature", FirstTick: 2, Ticks: 4);
        var run = Run(10, [stuck], [Signal("drift", 4)]);

        var (classes, _, _, _) = Detection.Judge([run], signalsFeed: true);

        Assert.Equal(0, Class(classes, AttackClass.Stuck).Detected);
        var drift = Class(classes, AttackClass.Drift);
        Assert.Equal((0L, 1L), (drift.FalseAlarms!.Value, drift.AlarmsOnOtherInjections!.Value));
    }

    [Fact]
    public void Judge_PubAcks_TellRefusalsAndThrottlingWithoutTheFeed()
    {
        var spoof = new Injection(0, 0, AttackClass.Spoof, null, FirstTick: 1, Ticks: 1);
        var replay = new Injection(1, 0, AttackClass.Replay, null, FirstTick: 3, Ticks: 1);
        var flood = new Injection(2, 0, AttackClass.Flood, null, FirstTick: 5, Ticks: 2);
        var messages = Messages(10, [spoof, replay, flood]).Select(m => m.Tick switch
        {
            1 => m with { ReasonCode = SentMessage.NotAuthorized, Reason = "The HS256 signature does not verify with the device's key." },
            3 => m with { ReasonCode = SentMessage.NotAuthorized, Reason = "Sequence number 12 is not after the last accepted 14." },
            8 => m with { ReasonCode = SentMessage.QuotaExceeded },
            _ => m,
        }).ToList();
        var run = new TwinRun("t-1", new TwinPlan(0, 10, [spoof, replay, flood]), messages, Ticks(10), []);

        var (classes, _, _, _) = Detection.Judge([run], signalsFeed: false);

        Assert.Equal(1, Class(classes, AttackClass.Spoof).Detected);
        Assert.Equal(1, Class(classes, AttackClass.Replay).Detected);
        var floods = Class(classes, AttackClass.Flood);
        Assert.Equal((0, 1L), (floods.Detected!.Value, floods.FalseAlarms!.Value));
        var spikes = Class(classes, AttackClass.Spike);
        Assert.False(spikes.Observed);
        Assert.Null(spikes.Detected);
        Assert.False(spikes.GoalMet);
    }

    [Theory]
    [InlineData("The HS256 signature does not verify with the device's key.", AttackClass.Spoof)]
    [InlineData("The header names another algorithm than the device's pinned HS256.", AttackClass.Spoof)]
    [InlineData("Sequence number 3 is not after the last accepted 9.", AttackClass.Replay)]
    [InlineData("Sent at 2026-11-26T10:00:00.0000000+00:00, -300 s from the node's clock; the allowed skew is ±120 s.", AttackClass.Replay)]
    public void RefusedAs_NodesReasonStrings_NameTheCheck(string reason, AttackClass expected) =>
        Assert.Equal(expected, Detection.RefusedAs(reason));

    [Fact]
    public void Judge_StaleSignals_CountWithinTheSilenceAndFalseOutsideIt()
    {
        var stop = new Injection(0, 0, AttackClass.Stale, null, FirstTick: 10, Ticks: 60);
        var plan = new TwinPlan(0, 100, [stop]);
        var messages = Messages(100, [stop]).Where(m => !stop.Covers(m.Tick)).ToList();
        var during = Start + (65 * Tick);
        var run = new TwinRun("t-1", plan, messages, Ticks(100), [new NodeSignal("stale", null, during), new NodeSignal("stale", null, Start + (95 * Tick))]);

        var (classes, counts, _, _) = Detection.Judge([run], signalsFeed: true);

        var stale = Class(classes, AttackClass.Stale);
        Assert.Equal((1, 1L), (stale.Detected!.Value, stale.FalseAlarms!.Value));
        Assert.Equal((during - (Start + (10 * Tick))).TotalMilliseconds, stale.DelayMs.Median);
        Assert.Null(stale.DelayReadings.Median);
        Assert.Equal(40, counts.CleanReadings);
    }

    [Fact]
    public void Judge_LostMessages_AreNotCleanReadings()
    {
        var messages = Messages(10, []).Select(m => m.Tick < 3 ? m with { AnsweredAt = null, ReasonCode = null } : m).ToList();
        var run = new TwinRun("t-1", new TwinPlan(0, 10, []), messages, Ticks(10), []);

        var (_, counts, _, _) = Detection.Judge([run], signalsFeed: true);

        Assert.Equal(new MessageCounts(10, 3, 7), counts);
    }

    [Theory]
    [InlineData(true, 10, 10, 0, true)]
    [InlineData(true, 10, 9, 0, false)]
    [InlineData(true, 10, 10, 1, false)]
    [InlineData(false, 20, 19, 0, true)]
    [InlineData(false, 20, 18, 0, false)]
    [InlineData(false, 20, 20, 1, true)]
    [InlineData(false, 20, 20, 2, false)]
    [InlineData(false, 0, 0, 0, false)]
    public void GoalMet_HardAndStatisticalChecks_AreJudgedByTheirOwnGoals(bool hard, int injections, int detected, long falseAlarms, bool met)
    {
        // 100,000 clean readings, so a false alarm is one per 100,000.
        var result = new ClassResult(
            "x", hard, true, injections, detected, injections - detected, falseAlarms, 100_000, falseAlarms, 0, Delay.Of([]), Delay.Of([]));

        Assert.Equal(met, result.GoalMet);
    }

    private static ClassResult Class(IEnumerable<ClassResult> classes, AttackClass attack) => classes.Single(c => c.Class == attack.Name());

    /// <summary>One message per tick, sent on the tick and answered a round trip later.</summary>
    private static List<SentMessage> Messages(int ticks, IReadOnlyList<Injection> injections) =>
        [.. Enumerable.Range(0, ticks).Select(t => new SentMessage(
            t, injections.FirstOrDefault(i => i.Covers(t))?.Id, Start + (t * Tick), Start + (t * Tick) + RoundTrip, 0, null))];

    private static List<DateTimeOffset> Ticks(int ticks) => [.. Enumerable.Range(0, ticks).Select(t => Start + (t * Tick))];

    private static TwinRun Run(int ticks, IReadOnlyList<Injection> injections, IReadOnlyList<NodeSignal> signals) =>
        new("t-1", new TwinPlan(0, ticks, injections), Messages(ticks, injections), Ticks(ticks), signals);

    /// <summary>A signal the node recorded while handling the message of <paramref name="tick"/>.</summary>
    private static NodeSignal Signal(string kind, int tick) => new(kind, "temperature", Start + (tick * Tick) + (RoundTrip / 2));
}
