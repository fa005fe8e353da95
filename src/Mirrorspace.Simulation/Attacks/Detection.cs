namespace Mirrorspace.Simulation.Attacks;

/// <summary>What one twin's device did and what the node said about it, once the run is over.</summary>
/// <param name="TickTimes">When each tick played began; the plan's later ticks were not reached.</param>
/// <param name="Signals">The twin's signals on this machine's clock, the <c>stale</c> ones included.</param>
public sealed record TwinRun(string TwinId, TwinPlan Plan, IReadOnlyList<SentMessage> Messages, IReadOnlyList<DateTimeOffset> TickTimes, IReadOnlyList<NodeSignal> Signals);

/// <summary>A run judged: the tallies per class, and the injections and false alarms one by one.</summary>
public sealed record Judgement(IReadOnlyList<ClassResult> Classes, MessageCounts Messages, IReadOnlyList<InjectionOutcome> Injections, IReadOnlyList<FalseAlarm> FalseAlarms);

/// <summary>One injection (the ground truth) and whether the node named it.</summary>
/// <param name="Detected">Null when its class could not be observed.</param>
public sealed record InjectionOutcome(
    int Id, string Twin, string Class, string? Property, int FirstTick, int Ticks, DateTimeOffset StartedAt, bool? Detected, int? DelayReadings, double? DelayMs);

/// <summary>
/// A clean reading the node named an attack class for (or, for <c>stale</c>, a silence that was not
/// one), with the twin's last attack before it: most false alarms are an attack's aftermath.
/// </summary>
/// <param name="Tick">The tick of the reading; -1 for the readings before the plan.</param>
/// <param name="TicksAfter">How many ticks after the end of <paramref name="After"/> it came.</param>
public sealed record FalseAlarm(string Twin, string Class, string? Property, int Tick, DateTimeOffset At, string? After, int? TicksAfter);

/// <summary>
/// Judges a run against its ground truth. Every message waits for its PUBACK before the next is sent,
/// and the node records a reading's signals before it acknowledges, so a signal belongs to the last
/// message sent before it: no identifier has to travel with it.
/// </summary>
public static class Detection
{
    /// <summary>A <c>stale</c> signal this long after the device resumed still counts for its silence: staleness is checked once a second.</summary>
    public static readonly TimeSpan StaleGrace = TimeSpan.FromSeconds(2);

    public static Judgement Judge(IReadOnlyList<TwinRun> twins, bool signalsFeed)
    {
        ArgumentNullException.ThrowIfNull(twins);
        var tallies = AttackClasses.All.ToDictionary(c => c, _ => new Tally());
        var outcomes = new List<InjectionOutcome>();
        var falseAlarms = new List<FalseAlarm>();
        foreach (var twin in twins)
        {
            JudgeTwin(twin, tallies, outcomes, falseAlarms);
        }

        var messages = new MessageCounts(
            twins.Sum(t => (long)t.Messages.Count),
            twins.Sum(t => t.Messages.LongCount(m => !m.Answered)),
            twins.Sum(t => t.Messages.LongCount(m => m.InjectionId is null && m.Answered)));
        var observed = AttackClasses.All.Where(c => signalsFeed || Observable(c)).ToHashSet();
        return new Judgement(
            [.. AttackClasses.All.Select(c => tallies[c].Result(c, observed.Contains(c), messages.CleanReadings))],
            messages,
            [.. outcomes.Select(o => observed.Contains(Parse(o.Class)) ? o : o with { Detected = null })],
            [.. falseAlarms.Where(f => observed.Contains(Parse(f.Class)))]);
    }

    /// <summary>
    /// The class the node refused a message as (PUBACK 0x87): its reason string names the freshness
    /// check (the sequence number, or the time against the node's clock) or else authenticity.
    /// </summary>
    public static AttackClass RefusedAs(string? reason) =>
        reason is not null && (reason.Contains("Sequence number", StringComparison.Ordinal) || reason.Contains("node's clock", StringComparison.Ordinal))
            ? AttackClass.Replay
            : AttackClass.Spoof;

    /// <summary>Classes told without the signals feed: by the PUBACK, or by the stale watch standing in for it.</summary>
    private static bool Observable(AttackClass attack) => attack.IsAnsweredInline() || attack is AttackClass.Stale;

    private static AttackClass Parse(string name) => AttackClasses.All.Single(c => c.Name() == name);

    private static void JudgeTwin(TwinRun twin, Dictionary<AttackClass, Tally> tallies, List<InjectionOutcome> outcomes, List<FalseAlarm> falseAlarms)
    {
        var messages = twin.Messages;
        var named = messages.Select(Answered).ToArray();
        var stale = new List<NodeSignal>();
        foreach (var signal in twin.Signals)
        {
            if (AttackClasses.OfSignal(signal.Kind) is not { } attack)
            {
                continue;
            }

            if (attack is AttackClass.Stale)
            {
                stale.Add(signal);
            }

            // A signal from before the first message cannot be about this run.
            else if (LastSentBy(messages, signal.At) is var index and >= 0)
            {
                named[index].TryAdd(attack, signal.Property);
            }
        }

        var injections = twin.Plan.Injections.Where(i => i.FirstTick < twin.TickTimes.Count).ToDictionary(i => i.Id);
        for (var i = 0; i < messages.Count; i++)
        {
            var own = messages[i].InjectionId is { } id ? injections[id].Class : (AttackClass?)null;
            foreach (var (attack, property) in named[i])
            {
                if (own is null)
                {
                    tallies[attack].FalseAlarms++;
                    falseAlarms.Add(Alarm(twin, attack, property, messages[i].Tick, messages[i].SentAt));
                }
                else if (own != attack)
                {
                    tallies[attack].OnOthers++;
                }
            }
        }

        var sentFor = Enumerable.Range(0, messages.Count)
            .Where(i => messages[i].InjectionId is not null)
            .GroupBy(i => messages[i].InjectionId!.Value)
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var injection in injections.Values)
        {
            var (readings, ms) = injection.Class is AttackClass.Stale
                ? SilenceNoticed(twin, injection, stale)
                : FirstNamed(injection, sentFor.GetValueOrDefault(injection.Id) ?? [], messages, named);
            tallies[injection.Class].Add(readings, ms);
            outcomes.Add(new InjectionOutcome(
                injection.Id, twin.TwinId, injection.Class.Name(), injection.Property, injection.FirstTick, injection.Ticks,
                twin.TickTimes[injection.FirstTick], ms is not null, readings, ms));
        }

        // A stale signal outside every silence of the twin is a false alarm.
        var silences = injections.Values.Where(i => i.Class is AttackClass.Stale).Select(i => Silence(twin, i)).ToList();
        foreach (var signal in stale.Where(s => !silences.Any(w => s.At >= w.From && s.At <= w.To)))
        {
            tallies[AttackClass.Stale].FalseAlarms++;
            falseAlarms.Add(Alarm(twin, AttackClass.Stale, null, TickAt(twin.TickTimes, signal.At), signal.At));
        }
    }

    /// <summary>The first of the injection's messages the node named its class for: how many messages in, and how long after the first was sent.</summary>
    private static (int? Readings, double? Ms) FirstNamed(Injection injection, List<int> own, IReadOnlyList<SentMessage> messages, Dictionary<AttackClass, string?>[] named)
    {
        var first = own.FindIndex(i => named[i].ContainsKey(injection.Class));
        if (first < 0)
        {
            return (null, null);
        }

        var answered = messages[own[first]];
        return (first, ((answered.AnsweredAt ?? answered.SentAt) - messages[own[0]].SentAt).TotalMilliseconds);
    }

    /// <summary>The first stale signal during the silence, from its first silent tick; a silence has no readings to count.</summary>
    private static (int? Readings, double? Ms) SilenceNoticed(TwinRun twin, Injection injection, List<NodeSignal> stale)
    {
        var (from, to) = Silence(twin, injection);
        return stale.Where(s => s.At >= from && s.At <= to).Select(s => (DateTimeOffset?)s.At).Min() is { } at
            ? (null, (at - from).TotalMilliseconds)
            : (null, null);
    }

    /// <summary>From the first silent tick to the tick the device spoke again, plus the grace.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Silence(TwinRun twin, Injection injection)
    {
        var resumed = injection.FirstTick + injection.Ticks;
        return (twin.TickTimes[injection.FirstTick], resumed < twin.TickTimes.Count ? twin.TickTimes[resumed] + StaleGrace : DateTimeOffset.MaxValue);
    }

    private static FalseAlarm Alarm(TwinRun twin, AttackClass attack, string? property, int tick, DateTimeOffset at)
    {
        var before = twin.Plan.Injections.LastOrDefault(i => i.FirstTick + i.Ticks <= tick);
        return new FalseAlarm(twin.TwinId, attack.Name(), property, tick, at, before?.Class.Name(), tick - (before?.FirstTick + before?.Ticks));
    }

    /// <summary>What the PUBACK alone says about a message: the class it names, with no property.</summary>
    private static Dictionary<AttackClass, string?> Answered(SentMessage message) => message.ReasonCode switch
    {
        SentMessage.QuotaExceeded => new() { [AttackClass.Flood] = null },
        SentMessage.NotAuthorized => new() { [RefusedAs(message.Reason)] = null },
        _ => [],
    };

    /// <summary>The tick that was playing at <paramref name="at"/>; -1 before the first.</summary>
    private static int TickAt(IReadOnlyList<DateTimeOffset> ticks, DateTimeOffset at) => LastAtOrBefore(ticks.Count, i => ticks[i], at);

    /// <summary>The index of the last message sent at or before <paramref name="at"/>; -1 when none was.</summary>
    private static int LastSentBy(IReadOnlyList<SentMessage> messages, DateTimeOffset at) => LastAtOrBefore(messages.Count, i => messages[i].SentAt, at);

    /// <summary>Binary search over times in order.</summary>
    private static int LastAtOrBefore(int count, Func<int, DateTimeOffset> timeOf, DateTimeOffset at)
    {
        int low = 0, high = count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (timeOf(middle) <= at)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private sealed class Tally
    {
        private readonly List<double> _delayReadings = [];
        private readonly List<double> _delayMs = [];
        private int _injections;
        private int _detected;

        public long FalseAlarms { get; set; }

        public long OnOthers { get; set; }

        /// <summary>One injection; detected when it has a delay.</summary>
        public void Add(int? readings, double? ms)
        {
            _injections++;
            if (ms is null)
            {
                return;
            }

            _detected++;
            if (readings is { } r)
            {
                _delayReadings.Add(r);
            }

            _delayMs.Add(ms.Value);
        }

        public ClassResult Result(AttackClass attack, bool observed, long cleanReadings) => observed
            ? new ClassResult(
                attack.Name(), attack.IsHardCheck(), true, _injections, _detected, _injections - _detected, FalseAlarms, cleanReadings,
                cleanReadings > 0 ? FalseAlarms * 100_000.0 / cleanReadings : null, OnOthers, Delay.Of(_delayReadings), Delay.Of(_delayMs))
            : new ClassResult(attack.Name(), attack.IsHardCheck(), false, _injections, null, null, null, cleanReadings, null, null, Delay.Of([]), Delay.Of([]));
    }
}
