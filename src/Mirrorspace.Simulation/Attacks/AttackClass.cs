namespace Mirrorspace.Simulation.Attacks;

/// <summary>What the attack scenario injects, one kind of bad data or bad behaviour each.</summary>
public enum AttackClass
{
    /// <summary>A reading signed with a key that is not the device's.</summary>
    Spoof,

    /// <summary>An earlier accepted message sent again, verbatim.</summary>
    Replay,

    /// <summary>A value outside the model's bounds.</summary>
    Bounds,

    /// <summary>Messages well above the sync contract's rate.</summary>
    Flood,

    /// <summary>The device stops publishing for longer than the contract's staleAfter.</summary>
    Stale,

    /// <summary>One value far from its neighbours, yet within bounds.</summary>
    Spike,

    /// <summary>A value that ramps away from its level by a fraction of its noise every reading.</summary>
    Drift,

    /// <summary>The sensor repeats one value.</summary>
    Stuck,

    /// <summary>Power that does not match voltage × current.</summary>
    Inconsistent,
}

public static class AttackClasses
{
    public static IReadOnlyList<AttackClass> All { get; } = Enum.GetValues<AttackClass>();

    public static string Name(this AttackClass attack) => attack switch
    {
        AttackClass.Spoof => "spoof",
        AttackClass.Replay => "replay",
        AttackClass.Bounds => "bounds",
        AttackClass.Flood => "flood",
        AttackClass.Stale => "stale",
        AttackClass.Spike => "spike",
        AttackClass.Drift => "drift",
        AttackClass.Stuck => "stuck",
        AttackClass.Inconsistent => "inconsistent",
        _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, "Unknown attack class."),
    };

    /// <summary>
    /// Hard checks decide from the message alone (a signature, a sequence number, a bound, a rate, a
    /// clock) and must never miss nor cry wolf; the others are statistical and judged by rates.
    /// </summary>
    public static bool IsHardCheck(this AttackClass attack) =>
        attack is AttackClass.Spoof or AttackClass.Replay or AttackClass.Bounds or AttackClass.Flood or AttackClass.Stale;

    /// <summary>Whether the node's answer to the message itself (the PUBACK) tells, without its signals feed.</summary>
    public static bool IsAnsweredInline(this AttackClass attack) =>
        attack is AttackClass.Spoof or AttackClass.Replay or AttackClass.Flood;

    /// <summary>The class a node signal speaks for; null for kinds the scenario does not provoke.</summary>
    public static AttackClass? OfSignal(string kind) => kind switch
    {
        "bad-signature" => AttackClass.Spoof,

        // Freshness: a replayed message is refused by its sequence number or, when old enough, by its time.
        "replay" or "out-of-window" => AttackClass.Replay,

        // Both are the model's physical plausibility: values the entity cannot have.
        "out-of-bounds" or "rate-of-change" => AttackClass.Bounds,
        "flood" => AttackClass.Flood,
        "stale" => AttackClass.Stale,
        "spike" => AttackClass.Spike,
        "drift" => AttackClass.Drift,
        "stuck" => AttackClass.Stuck,
        "inconsistent" => AttackClass.Inconsistent,
        _ => null,
    };
}
