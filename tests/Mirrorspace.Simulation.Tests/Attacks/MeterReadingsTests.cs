using System.Text.Json.Nodes;
using Mirrorspace.Simulation.Attacks;

namespace Mirrorspace.Simulation.Tests.Attacks;

public sealed class MeterReadingsTests
{
    [Fact]
    public void Clean_ManyReadings_KeepPowerWellWithinTheBehavioursTolerance()
    {
        var sut = new MeterReadings(new Random(3));

        var worst = Enumerable.Range(0, 100_000).Select(_ => sut.Clean()).Max(r => Math.Abs((Value(r, "power") / (Value(r, "voltage") * Value(r, "current"))) - 1));

        Assert.InRange(worst, 0, AttackMeter.PowerTolerance / 2);
    }

    [Fact]
    public void Faulty_EachValueAttack_ChangesOnlyItsProperty()
    {
        var sut = new MeterReadings(new Random(4));
        var temperature = AttackMeter.Temperature;

        var outOfBounds = sut.Faulty(new Injection(0, 0, AttackClass.Bounds, temperature.Name, 0, 1), 0);
        var spike = sut.Faulty(new Injection(2, 0, AttackClass.Spike, temperature.Name, 0, 1), 0);
        var inconsistent = sut.Faulty(new Injection(4, 0, AttackClass.Inconsistent, AttackMeter.Power.Name, 0, 1), 0);

        Assert.True(Value(outOfBounds, temperature.Name) > temperature.Maximum);
        Assert.InRange(Value(spike, temperature.Name), temperature.Level + (10 * temperature.Sigma), temperature.Maximum);
        Assert.InRange(Value(inconsistent, "power") / (Value(inconsistent, "voltage") * Value(inconsistent, "current")), 1.07, 1.13);
        Assert.InRange(Value(spike, "power") / (Value(spike, "voltage") * Value(spike, "current")), 0.97, 1.03);
    }

    [Fact]
    public void Faulty_StuckAndDrift_RepeatOneValueAndRampAway()
    {
        var sut = new MeterReadings(new Random(5));
        var voltage = AttackMeter.Voltage;
        var stuck = new Injection(0, 0, AttackClass.Stuck, voltage.Name, 0, 40);
        var drift = new Injection(1, 0, AttackClass.Drift, voltage.Name, 0, 150);

        var repeated = Enumerable.Range(0, 40).Select(step => Value(sut.Faulty(stuck, step), voltage.Name)).Distinct();
        var ramp = Enumerable.Range(0, 150).Select(step => Value(sut.Faulty(drift, step), voltage.Name)).ToList();

        Assert.Single(repeated);
        Assert.InRange(ramp.TakeLast(30).Average() - ramp.Take(30).Average(), 2 * voltage.Sigma, 3.5 * voltage.Sigma);
    }

    private static double Value(JsonObject reading, string name) => reading[name]!.GetValue<double>();
}
