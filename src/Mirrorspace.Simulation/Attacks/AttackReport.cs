namespace Mirrorspace.Simulation.Attacks;

/// <summary>
/// The outcome of an attack run: how it ran, what was sent, how well each class was detected, and
/// underneath, every injection (the ground truth) and every false alarm.
/// </summary>
public sealed record AttackReport(
    AttackRunInfo Run,
    MessageCounts Messages,
    IReadOnlyList<ClassResult> Classes,
    IReadOnlyList<string> Twins,
    IReadOnlyList<InjectionOutcome> Injections,
    IReadOnlyList<FalseAlarm> FalseAlarms)
{
    /// <summary>Whether every class met its goal (see <see cref="ClassResult.GoalMet"/>).</summary>
    public bool GoalsMet => Classes.All(c => c.GoalMet);
}

/// <param name="Seconds">How long the devices played their plans.</param>
/// <param name="ClockOffsetMs">How far the node's clock was found ahead of this machine's, and within how much.</param>
/// <param name="SignalsFeed">Whether the node had a signals feed; without it the value checks cannot be observed.</param>
public sealed record AttackRunInfo(
    int Devices,
    double RatePerSecond,
    int WarmUpReadings,
    int FloodMessages,
    int? Seed,
    double Seconds,
    string Model,
    double MaxMessagesPerSecond,
    double StaleAfterSeconds,
    double ClockOffsetMs,
    double? ClockUncertaintyMs,
    bool SignalsFeed);

/// <param name="Published">Every message sent, clean or not.</param>
/// <param name="Lost">Messages that got no answer at all.</param>
/// <param name="CleanReadings">Clean readings the node answered: what false alarms are counted against.</param>
public sealed record MessageCounts(long Published, long Lost, long CleanReadings);

/// <summary>
/// How one attack class fared. An injection is detected when the node's answer to one of its messages
/// (the PUBACK, or a signal the node recorded while handling it) names the class; for a stopped device,
/// when a <c>stale</c> signal came during the silence. A false alarm is a clean reading the node named
/// the class for.
/// </summary>
/// <param name="Observed">False when telling needs the signals feed and the node had none: the counts are then unknown (null).</param>
/// <param name="AlarmsOnOtherInjections">Messages of other attacks the node named this class for: neither detections nor false alarms, but worth knowing.</param>
/// <param name="DelayReadings">From the injection's first message to the first one named, in messages (null for a stopped device, which sends none).</param>
/// <param name="DelayMs">From the injection's start to the node's answer that named it.</param>
public sealed record ClassResult(
    string Class,
    bool HardCheck,
    bool Observed,
    int Injections,
    int? Detected,
    int? Missed,
    long? FalseAlarms,
    long CleanReadings,
    double? FalseAlarmsPer100k,
    long? AlarmsOnOtherInjections,
    Delay DelayReadings,
    Delay DelayMs)
{
    /// <summary>Statistical checks must catch at least this share of injections...</summary>
    public const double StatisticalDetectionGoal = 0.95;

    /// <summary>...and raise at most this many false alarms per 100,000 clean readings.</summary>
    public const double StatisticalFalseAlarmGoal = 1;

    /// <summary>
    /// Hard checks: every injection detected and no false alarm. Statistical checks: the rates above.
    /// A class that was not injected or not observed has not met its goal.
    /// </summary>
    public bool GoalMet => Observed && Injections > 0 && (HardCheck
        ? Detected == Injections && FalseAlarms == 0
        : Detected >= StatisticalDetectionGoal * Injections && FalseAlarmsPer100k <= StatisticalFalseAlarmGoal);
}

/// <summary>The median and the largest of a set of delays; null when there were none.</summary>
public sealed record Delay(double? Median, double? Max)
{
    public static Delay Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Delay(null, null);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Delay(median, sorted[^1]);
    }
}
