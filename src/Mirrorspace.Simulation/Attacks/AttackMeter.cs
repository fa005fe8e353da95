using System.Text.Json.Nodes;
using System.Xml;

namespace Mirrorspace.Simulation.Attacks;

/// <summary>One numeric quantity of the meter: where it sits, how noisy it is, and what the model allows.</summary>
public sealed record MeterQuantity(string Name, string Unit, double Level, double Sigma, double Minimum, double Maximum)
{
    /// <summary>
    /// Far above anything physical, on purpose: the node judges the rate of change between consecutive
    /// raw readings by their arrival times, so at 15 readings/s ordinary noise over two readings that
    /// arrive a few milliseconds apart looks like thousands of σ per second. This limit stays clear of
    /// that and of a 15σ spike 15 ms after its predecessor; the rate check still catches a value that
    /// jumps by hundreds of σ.
    /// </summary>
    public double MaxRateOfChange => 1000 * Sigma;
}

/// <summary>
/// The device every twin of the attack scenario is: an electricity meter with a temperature probe,
/// whose power is voltage × current. Its model is written here, next to the levels and noise the
/// simulated meter produces, so that bounds, rates and tolerances and the data they judge cannot drift
/// apart.
/// </summary>
public static class AttackMeter
{
    /// <summary>Bump with any change to the document: a published model version never changes.</summary>
    public const int ModelVersion = 1;

    public const string ModelId = "attack-meter";

    /// <summary>The contract's flood ceiling; readings go at a steady rate below it.</summary>
    public const double MaxMessagesPerSecond = 20;

    /// <summary>The behaviour's tolerance: power within 5% of voltage × current.</summary>
    public const double PowerTolerance = 0.05;

    /// <summary>How far power strays from voltage × current in clean data (relative, one σ): a tenth of the tolerance.</summary>
    public const double PowerNoise = 0.005;

    public const string Status = "status";

    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    public static readonly MeterQuantity Voltage = new("voltage", "V", 230, 1.0, 0, 300);

    /// <summary>Relatively noisier than voltage, so power's own spread is wide enough that a broken behaviour is not also a spike.</summary>
    public static readonly MeterQuantity Current = new("current", "A", 10, 0.3, 0, 50);

    public static readonly MeterQuantity Power = new("power", "W", Voltage.Level * Current.Level, 72, 0, 15_000);

    public static readonly MeterQuantity Temperature = new("temperature", "°C", 60, 0.3, -20, 120);

    public static IReadOnlyList<MeterQuantity> Quantities { get; } = [Voltage, Current, Power, Temperature];

    /// <summary>The model document, every check left at its defaults except what the comments say.</summary>
    public static JsonObject ModelDocument() => new()
    {
        ["id"] = ModelId,
        ["version"] = ModelVersion,
        ["displayName"] = "Attack scenario meter",
        ["description"] = "A simulated electricity meter for the attack scenario of mirrorspace simulate.",
        ["sync"] = new JsonObject
        {
            ["expectedInterval"] = "PT1S",
            ["staleAfter"] = XmlConvert.ToString(StaleAfter),
            ["maxMessagesPerSecond"] = MaxMessagesPerSecond,
        },
        ["properties"] = new JsonArray([
            .. Quantities.Select(Property),
            new JsonObject { ["name"] = Status, ["type"] = "enum", ["values"] = new JsonArray("running", "idle") },
        ]),
        ["behaviours"] = new JsonArray(new JsonObject
        {
            ["name"] = "electrical_power",
            ["rule"] = $"{Power.Name} ≈ {Voltage.Name} * {Current.Name}",
            ["relativeTolerance"] = PowerTolerance,
            ["action"] = "flag",
        }),
    };

    private static JsonNode Property(MeterQuantity quantity) => new JsonObject
    {
        ["name"] = quantity.Name,
        ["type"] = "number",
        ["unit"] = quantity.Unit,
        ["minimum"] = quantity.Minimum,
        ["maximum"] = quantity.Maximum,
        ["maxRateOfChange"] = quantity.MaxRateOfChange,

        // The defaults, written out: the report measures the checks as they ship.
        ["integrity"] = new JsonObject
        {
            ["spike"] = new JsonObject { ["action"] = "quarantine" },
            ["drift"] = new JsonObject { ["action"] = "flag" },
            ["stuck"] = new JsonObject { ["action"] = "flag" },
            ["implausible"] = "quarantine",
        },
    };
}
