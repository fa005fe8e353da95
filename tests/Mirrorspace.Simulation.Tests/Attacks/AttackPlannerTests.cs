using Mirrorspace.Simulation.Attacks;

namespace Mirrorspace.Simulation.Tests.Attacks;

public sealed class AttackPlannerTests
{
    [Fact]
    public void Plan_DefaultRun_DealsEveryClassAfterTheWarmUpWithoutOverlap()
    {
        var settings = new AttackSettings();

        var plans = AttackPlanner.Plan(settings.Devices, settings.TicksPerDevice, settings.WarmUpReadings, settings.RatePerSecond, new Random(1));

        var injections = plans.SelectMany(p => p.Injections).ToList();
        Assert.Equal(AttackClasses.All.ToHashSet(), injections.Select(i => i.Class).ToHashSet());
        Assert.All(injections, i => Assert.InRange(i.FirstTick, settings.WarmUpReadings, settings.TicksPerDevice - i.Ticks));
        Assert.Equal(injections.Count, injections.Select(i => i.Id).Distinct().Count());

        // The single-reading attacks, judged by rates, get the most samples.
        Assert.True(injections.Count(i => i.Class is AttackClass.Spike) > 2 * injections.Count(i => i.Class is AttackClass.Drift));
        Assert.Null(settings.Check());
    }

    [Fact]
    public void Plan_SameSeed_SamePlan()
    {
        static string Describe(IReadOnlyList<TwinPlan> plans) => string.Join(';', plans.SelectMany(p => p.Injections).Select(i => $"{i.Twin}:{i.Class}:{i.Property}:{i.FirstTick}"));

        Assert.Equal(Describe(AttackPlanner.Plan(3, 900, 100, 15, new Random(5))), Describe(AttackPlanner.Plan(3, 900, 100, 15, new Random(5))));
    }

    [Fact]
    public void Plan_ValueAttacks_AlternateBetweenAStandAloneQuantityAndOneOfTheBehaviours()
    {
        var injections = AttackPlanner.Plan(8, 1800, 1050, 15, new Random(2)).SelectMany(p => p.Injections).ToList();

        Assert.Equal(["temperature", "voltage"], injections.Where(i => i.Class is AttackClass.Spike).Select(i => i.Property).Distinct().Order());
        Assert.All(injections.Where(i => i.Class is AttackClass.Inconsistent), i => Assert.Equal("power", i.Property));
        Assert.All(injections.Where(i => i.Class is AttackClass.Spoof or AttackClass.Replay or AttackClass.Flood or AttackClass.Stale), i => Assert.Null(i.Property));
    }

    [Fact]
    public void Check_RunTooShortForTheLongAttacks_SaysWhich()
    {
        var settings = new AttackSettings { Devices = 1, Duration = TimeSpan.FromSeconds(75) };

        Assert.Contains("drift", settings.Check(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RateAboveThreeQuartersOfTheContract_IsRefused()
    {
        Assert.Contains("--rate", new AttackSettings { RatePerSecond = 16 }.Check(), StringComparison.Ordinal);
    }
}
