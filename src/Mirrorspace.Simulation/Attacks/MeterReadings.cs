using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Mirrorspace.Simulation.Attacks;

/// <summary>
/// The meter's readings: Gaussian noise around each level, with power the product of the true voltage
/// and current (plus a little noise of its own), and the faults of the value attacks laid over them.
/// White noise around a constant level is what the drift detector's CUSUM assumes of clean data; a
/// load that wandered would be a drift of its own.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Simulated sensor noise, not a secret.")]
public sealed class MeterReadings(Random random)
{
    /// <summary>A spike is this many σ from the level: far past the detector's threshold of 8, far inside the bounds.</summary>
    public const double SpikeSigmas = 15;

    /// <summary>The drift's ramp per reading, in σ: after 150 readings the value is 3σ off, no single step a surprise.</summary>
    public const double DriftSigmasPerReading = 0.02;

    /// <summary>How far an inconsistent power strays from voltage × current: twice the tolerance, yet only about 3σ of power's own spread.</summary>
    public const double InconsistentRatio = 0.10;

    private double? _stuckValue;

    /// <summary>The next clean reading.</summary>
    public JsonObject Clean()
    {
        var voltage = Sample(AttackMeter.Voltage);
        var current = Sample(AttackMeter.Current);
        var power = voltage * current * (1 + (AttackMeter.PowerNoise * Gaussian()));
        return new JsonObject
        {
            [AttackMeter.Voltage.Name] = Round(voltage),
            [AttackMeter.Current.Name] = Round(current),
            [AttackMeter.Power.Name] = Round(power),
            [AttackMeter.Temperature.Name] = Round(Sample(AttackMeter.Temperature)),
        };
    }

    /// <summary>The next reading with the injection's fault at <paramref name="step"/> (0 for its first tick) laid over it.</summary>
    public JsonObject Faulty(Injection injection, int step)
    {
        ArgumentNullException.ThrowIfNull(injection);
        var reading = Clean();
        var property = injection.Property;
        if (property is null)
        {
            return reading;
        }

        var quantity = AttackMeter.Quantities.Single(q => q.Name == property);
        var clean = reading[property]!.GetValue<double>();
        reading[property] = Round(injection.Class switch
        {
            // Beyond the maximum by a tenth of the range: unmistakable, as a broken sensor or a forged value would be.
            AttackClass.Bounds => quantity.Maximum + ((quantity.Maximum - quantity.Minimum) / 10),
            AttackClass.Spike => clean + (SpikeSigmas * quantity.Sigma * (injection.Id % 2 == 0 ? 1 : -1)),
            AttackClass.Drift => clean + ((step + 1) * DriftSigmasPerReading * quantity.Sigma),

            // A sensor that froze repeats the last value it read.
            AttackClass.Stuck => step == 0 ? (_stuckValue = clean).Value : _stuckValue!.Value,
            AttackClass.Inconsistent => clean * (1 + (injection.Id % 2 == 0 ? InconsistentRatio : -InconsistentRatio)),
            _ => clean,
        });
        return reading;
    }

    /// <summary>What a device sends in a flood: a status beat, so the burst tests the rate limit and nothing else.</summary>
    public static JsonObject Beat() => new() { [AttackMeter.Status] = "running" };

    private double Sample(MeterQuantity quantity) => quantity.Level + (quantity.Sigma * Gaussian());

    /// <summary>Box–Muller: one standard normal variate from two uniform ones.</summary>
    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Three decimals, as a real meter reports: fine enough that clean values rarely repeat exactly.</summary>
    private static double Round(double value) => Math.Round(value, 3);
}
