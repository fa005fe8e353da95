namespace Mirrorspace.Simulation.Attacks;

/// <summary>What one twin's device did and what the node said about it, once the run is over.</summary>
/// <param name="TickTimes">When each tick played began; the plan's later ticks were not reached.</param>
/// <param name="Signals">The twin's signals on this machine's clock, the <c>stale</c> ones included.</param>
public sealed record TwinRun(string TwinId, TwinPlan Plan, IReadOnlyList<SentMessage> Messages, IReadOnlyList<DateTimeOffset> TickTimes, IReadOnlyList<NodeSignal> Signals);

/// <summary>
/// Judges a run against its ground truth. Every message waits for its PUBACK before the next is sent,
/// and the node records a reading's signals before it acknowledges, so a signal belongs to the last
/// message sent before it: no identifier has to travel with it.
/// </summary>
public static class Detection
{
    /// <summary>A <c>stale</c> signal this long after the device resumed still counts for its silence: the watch asks once a second.</summary>
    public static readonly TimeSpan StaleGrace = TimeSpan.FromSeconds(2);

    public static (IReadOnlyList<ClassResult> Classes, MessageCounts Messages) Judge(IReadOnlyList<TwinRun> twins, bool signalsFeed)
    {
        ArgumentNullException.ThrowIfNull(twins);
        var tallies = AttackClasses.All.ToDictionary(c => c, _ => new Tally());
        long published = 0, lost = 0, clean = 0;
        foreach (var twin in twins)
        {
            published += twin.Messages.Count;
            lost += twin.Messages.Count(m => !m.Answered);
            clean += twin.Messages.Count(m => m.InjectionId is null && m.Answered);
            JudgeTwin(twin, tallies);
        }

        var classes = AttackClasses.All.Select(c => tallies[c].Result(c, signalsFeed || c.IsAnsweredInline() || c is AttackClass.Stale, clean)).ToList();
        return (classes, new MessageCounts(published, lost, clean));
    }

    /// <summary>
    /// The class the node refused a message as (PUBACK 0x87): its reason string names the freshness
    /// check (the sequence number, or the time against the node's clock) or else authenticity.
    /// </summary>
    public static AttackClass RefusedAs(string? reason) =>
        reason is not null && (reason.Contains("Sequence number", StringComparison.Ordinal) || reason.Contains("node's clock", StringComparison.Ordinal))
            ? AttackClass.Replay
            : AttackClass.Spoof;

    private static void JudgeTwin(TwinRun twin, Dictionary<AttackClass, Tally> tallies)
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
                continue;
            }

            // A signal from before the first message cannot be about this run.
            if (LastSentBy(messages, signal.At) is var index and >= 0)
            {
                named[index].Add(attack);
            }
        }

        var injections = twin.Plan.Injections.Where(i => i.FirstTick < twin.TickTimes.Count).ToDictionary(i => i.Id);
        for (var i = 0; i < messages.Count; i++)
        {
            var own = messages[i].InjectionId is { } id ? injections[id].Class : (AttackClass?)null;
            foreach (var attack in named[i])
            {
                if (own is null)
                {
                    tallies[attack].FalseAlarms++;
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
            var tally = tallies[injection.Class];
            tally.Injections++;
            if (injection.Class is AttackClass.Stale)
            {
                JudgeSilence(twin, injection, stale, tally);
                continue;
            }

            var own = sentFor.GetValueOrDefault(injection.Id) ?? [];
            var first = own.FindIndex(i => named[i].Contains(injection.Class));
            if (first >= 0)
            {
                var answered = messages[own[first]];
                tally.Detected(first, ((answered.AnsweredAt ?? answered.SentAt) - messages[own[0]].SentAt).TotalMilliseconds);
            }
        }

        // A stale signal outside every silence of the twin is a false alarm.
        var silences = injections.Values.Where(i => i.Class is AttackClass.Stale).Select(i => Silence(twin, i)).ToList();
        tallies[AttackClass.Stale].FalseAlarms += stale.Count(s => !silences.Any(w => s.At >= w.From && s.At <= w.To));
    }

    private static void JudgeSilence(TwinRun twin, Injection injection, List<NodeSignal> stale, Tally tally)
    {
        var (from, to) = Silence(twin, injection);
        if (stale.Where(s => s.At >= from && s.At <= to).Select(s => (DateTimeOffset?)s.At).Min() is { } at)
        {
            tally.Detected(null, (at - from).TotalMilliseconds);
        }
    }

    /// <summary>From the first silent tick to the tick the device spoke again, plus the grace.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Silence(TwinRun twin, Injection injection)
    {
        var resumed = injection.FirstTick + injection.Ticks;
        return (twin.TickTimes[injection.FirstTick], resumed < twin.TickTimes.Count ? twin.TickTimes[resumed] + StaleGrace : DateTimeOffset.MaxValue);
    }

    /// <summary>What the PUBACK alone says about a message.</summary>
    private static HashSet<AttackClass> Answered(SentMessage message) => message.ReasonCode switch
    {
        SentMessage.QuotaExceeded => [AttackClass.Flood],
        SentMessage.NotAuthorized => [RefusedAs(message.Reason)],
        _ => [],
    };

    /// <summary>The index of the last message sent at or before <paramref name="at"/>; -1 when none was.</summary>
    private static int LastSentBy(IReadOnlyList<SentMessage> messages, DateTimeOffset at)
    {
        int low = 0, high = messages.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (messages[middle].SentAt <= at)
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

        public int Injections { get; set; }

        public long FalseAlarms { get; set; }

        public long OnOthers { get; set; }

        public int DetectedCount { get; private set; }

        public void Detected(int? readings, double ms)
        {
            DetectedCount++;
            if (readings is { } r)
            {
                _delayReadings.Add(r);
            }

            _delayMs.Add(ms);
        }

        public ClassResult Result(AttackClass attack, bool observed, long cleanReadings) => observed
            ? new ClassResult(
                attack.Name(), attack.IsHardCheck(), true, Injections, DetectedCount, Injections - DetectedCount, FalseAlarms, cleanReadings,
                cleanReadings > 0 ? FalseAlarms * 100_000.0 / cleanReadings : null, OnOthers, Delay.Of(_delayReadings), Delay.Of(_delayMs))
            : new ClassResult(attack.Name(), attack.IsHardCheck(), false, Injections, null, null, null, cleanReadings, null, null, Delay.Of([]), Delay.Of([]));
    }
}
