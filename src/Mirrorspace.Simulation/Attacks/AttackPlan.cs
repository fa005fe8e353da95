namespace Mirrorspace.Simulation.Attacks;

/// <summary>
/// One injected attack, the ground truth the node's answers are judged against: which twin, which
/// class, which property (for value attacks), and which of the twin's ticks it spans.
/// </summary>
public sealed record Injection(int Id, int Twin, AttackClass Class, string? Property, int FirstTick, int Ticks)
{
    public bool Covers(int tick) => tick >= FirstTick && tick < FirstTick + Ticks;
}

/// <summary>
/// What one twin's device does, tick by tick: a clean reading on every tick that no injection covers.
/// A tick is one interval of the steady rate; the plan counts ticks rather than time, so what was
/// injected where does not depend on how punctually the machine kept the beat.
/// </summary>
public sealed class TwinPlan
{
    private readonly Injection?[] _byTick;

    public TwinPlan(int twin, int ticks, IEnumerable<Injection> injections)
    {
        ArgumentNullException.ThrowIfNull(injections);
        Twin = twin;
        _byTick = new Injection?[ticks];
        var list = injections.OrderBy(i => i.FirstTick).ToList();
        foreach (var injection in list)
        {
            for (var tick = injection.FirstTick; tick < injection.FirstTick + injection.Ticks; tick++)
            {
                if (_byTick[tick] is not null)
                {
                    throw new ArgumentException($"Injections {_byTick[tick]!.Id} and {injection.Id} overlap at tick {tick}.", nameof(injections));
                }

                _byTick[tick] = injection;
            }
        }

        Injections = list;
    }

    public int Twin { get; }

    public int Ticks => _byTick.Length;

    public IReadOnlyList<Injection> Injections { get; }

    /// <summary>The injection covering the tick, if any.</summary>
    public Injection? At(int tick) => _byTick[tick];
}

/// <summary>
/// Deals the attacks out to the twins before the run: every twin reports clean data through the
/// warm-up (the drift detector learns each stream's level over its first 1,000 readings), then the
/// attack phase mixes injections with clean readings. Each injection is followed by clean readings
/// that let the detectors settle, so one attack does not leak into the judgement of the next.
/// </summary>
public static class AttackPlanner
{
    /// <summary>Clean ticks after an injection before the next may start.</summary>
    public const int Recovery = 15;

    /// <summary>A stuck run: the detector signals on the 30th equal value; ten more show it keeps the verdict.</summary>
    public const int StuckTicks = 40;

    /// <summary>
    /// The spike detector judges against its last 31 values: after a stuck run or a drift they are the
    /// attack's until clean ones replace them, and a spike among them would be judged by the attack.
    /// </summary>
    public const int WindowRecovery = 40;

    public const int DriftTicks = 150;

    /// <summary>Silence after a flood, so the device's allowance refills before steady readings resume.</summary>
    public static readonly TimeSpan FloodPause = TimeSpan.FromSeconds(2);

    /// <summary>How much longer than the contract's staleAfter a stopped device stays silent.</summary>
    public static readonly TimeSpan StaleMargin = TimeSpan.FromSeconds(3);

    /// <summary>
    /// One round of the deal: the long attacks once, the single-reading ones three times, so that the
    /// classes whose rates are judged get the most samples for the ticks they cost.
    /// </summary>
    private static readonly AttackClass[] Round =
    [
        AttackClass.Drift, AttackClass.Stale, AttackClass.Stuck, AttackClass.Flood,
        .. Enumerable.Repeat(new[] { AttackClass.Spike, AttackClass.Spoof, AttackClass.Replay, AttackClass.Bounds, AttackClass.Inconsistent }, 3).SelectMany(c => c),
    ];

    /// <summary>The value attacks alternate between a stand-alone quantity and one of the behaviour's.</summary>
    private static readonly string[] Targets = [AttackMeter.Temperature.Name, AttackMeter.Voltage.Name];

    public static IReadOnlyList<TwinPlan> Plan(int twins, int ticksPerTwin, int warmUpTicks, double ratePerSecond, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(twins);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUpTicks);
        ArgumentNullException.ThrowIfNull(random);
        var free = Enumerable.Repeat(Math.Max(ticksPerTwin - warmUpTicks, 0), twins).ToArray();
        var dealt = Enumerable.Range(0, twins).Select(_ => new List<(AttackClass Class, string? Property)>()).ToArray();
        var perClass = new Dictionary<AttackClass, int>();
        bool placed;
        do
        {
            placed = false;
            foreach (var attack in Round)
            {
                var cost = Ticks(attack, ratePerSecond) + RecoveryOf(attack);
                var twin = Array.IndexOf(free, free.Max());
                if (free[twin] < cost)
                {
                    continue;
                }

                var count = perClass.GetValueOrDefault(attack);
                perClass[attack] = count + 1;
                dealt[twin].Add((attack, TargetOf(attack, count)));
                free[twin] -= cost;
                placed = true;
            }
        }
        while (placed);

        var nextId = 0;
        return [.. dealt.Select((attacks, twin) => Lay(twin, ticksPerTwin, warmUpTicks, free[twin], attacks, ratePerSecond, random, ref nextId))];
    }

    /// <summary>How many ticks the injection itself covers.</summary>
    public static int Ticks(AttackClass attack, double ratePerSecond) => attack switch
    {
        AttackClass.Stuck => StuckTicks,
        AttackClass.Drift => DriftTicks,

        // The burst goes out on the first tick; the pause that follows is part of the attack.
        AttackClass.Flood => 1 + (int)Math.Ceiling(FloodPause.TotalSeconds * ratePerSecond),
        AttackClass.Stale => (int)Math.Ceiling((AttackMeter.StaleAfter + StaleMargin).TotalSeconds * ratePerSecond),
        _ => 1,
    };

    private static int RecoveryOf(AttackClass attack) => attack is AttackClass.Stuck or AttackClass.Drift ? WindowRecovery : Recovery;

    private static string? TargetOf(AttackClass attack, int count) =>
        attack is AttackClass.Bounds or AttackClass.Spike or AttackClass.Drift or AttackClass.Stuck ? Targets[count % Targets.Length]
        : attack is AttackClass.Inconsistent ? AttackMeter.Power.Name
        : null;

    /// <summary>Shuffles a twin's attacks and spreads its spare ticks evenly between them.</summary>
    private static TwinPlan Lay(
        int twin, int ticks, int warmUp, int spare, List<(AttackClass Class, string? Property)> attacks, double ratePerSecond, Random random, ref int nextId)
    {
        var order = attacks.ToArray();
        random.Shuffle(order);
        var gap = spare / (order.Length + 1);
        var tick = warmUp + gap;
        var injections = new List<Injection>(order.Length);
        foreach (var (attack, property) in order)
        {
            var length = Ticks(attack, ratePerSecond);
            injections.Add(new Injection(nextId++, twin, attack, property, tick, length));
            tick += length + RecoveryOf(attack) + gap;
        }

        return new TwinPlan(twin, ticks, injections);
    }
}
