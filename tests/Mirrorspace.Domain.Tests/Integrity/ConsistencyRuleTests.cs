using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Domain.Tests.Integrity;

public class ConsistencyRuleTests
{
    private readonly ConsistencyRule _power = new("power", Expression.TryParse("2.2e-10 * speed^3", out _)!, RelativeTolerance: 0.1, AbsoluteTolerance: 0.05);

    [Fact]
    public void Check_ValuesThatAgree_IsNone() =>
        Assert.Equal(IntegritySignal.None, _power.Check(Values(speed: 1500, power: 0.75)));

    [Fact]
    public void Check_PowerFarFromTheRelation_IsInconsistent() =>
        Assert.Equal(IntegritySignal.Inconsistent, _power.Check(Values(speed: 1500, power: 3)));

    [Fact]
    public void Check_NearZeroUsesTheAbsoluteTolerance() =>
        Assert.Equal(IntegritySignal.None, _power.Check(Values(speed: 0, power: 0.04)));

    [Fact]
    public void Check_AMissingValue_IsNeverInconsistent() =>
        Assert.Equal(IntegritySignal.None, _power.Check(name => name == "power" ? 99 : null));

    private static Func<string, double?> Values(double speed, double power) => name => name switch
    {
        "speed" => speed,
        "power" => power,
        _ => null,
    };
}
