using System.Globalization;

namespace Mirrorspace.Simulation.Attacks;

/// <summary>How big an attack run is. The defaults finish in about two minutes.</summary>
public sealed record AttackSettings
{
    /// <summary>Three quarters of the contract's rate: room for the allowance to refill after a flood and to absorb a late tick.</summary>
    public static readonly double MaxRatePerSecond = AttackMeter.MaxMessagesPerSecond * 0.75;

    public int Devices { get; init; } = 8;

    public double RatePerSecond { get; init; } = MaxRatePerSecond;

    /// <summary>How long the devices play, warm-up included.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Clean readings per device before the first attack: the drift detector learns over 1,000.</summary>
    public int WarmUpReadings { get; init; } = 1_050;

    /// <summary>A flood's messages, sent back to back: four seconds' worth of the contract, twice the allowance the node grants by default.</summary>
    public int FloodMessages { get; init; } = (int)(4 * AttackMeter.MaxMessagesPerSecond);

    /// <summary>Seeds the plan and the readings, for a repeatable run; null: different every time.</summary>
    public int? Seed { get; init; }

    public int TicksPerDevice => (int)(Duration.TotalSeconds * RatePerSecond);

    /// <summary>Null when the settings make a run with every attack class in it, otherwise what is wrong.</summary>
    public string? Check()
    {
        if (Devices is < 1 or > 1_000)
        {
            return "--devices must be between 1 and 1000 for the attack scenario";
        }

        if (!double.IsFinite(RatePerSecond) || RatePerSecond <= 0 || RatePerSecond > MaxRatePerSecond)
        {
            return Format($"--rate must be above 0 and at most {MaxRatePerSecond} readings/s: three quarters of the scenario's contract of {AttackMeter.MaxMessagesPerSecond} messages/s");
        }

        if (WarmUpReadings is < 20 or > 100_000)
        {
            return "--warm-up must be between 20 and 100000 readings";
        }

        var plans = AttackPlanner.Plan(Devices, TicksPerDevice, WarmUpReadings, RatePerSecond, new Random(0));
        var missing = AttackClasses.All.Where(c => !plans.Any(p => p.Injections.Any(i => i.Class == c))).ToList();
        return missing.Count == 0
            ? null
            : Format($"{Duration.TotalSeconds:0} s at {RatePerSecond} readings/s leaves too little after the warm-up of {WarmUpReadings} readings for {string.Join(", ", missing.Select(c => c.Name()))}; give a longer --duration or more --devices");
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
