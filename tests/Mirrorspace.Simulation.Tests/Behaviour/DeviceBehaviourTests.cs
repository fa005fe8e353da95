using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;
using Mirrorspace.Simulation.Behaviour;

namespace Mirrorspace.Simulation.Tests.Behaviour;

public sealed class DeviceBehaviourTests
{
    private const string Pump2 = """{"temperature":39.8,"vibration":1.8,"speed":1200,"power":8.6,"bearingWear":31,"mode":"auto"}""";

    [Fact]
    public void NextReading_LongRunOfAPump_EveryReadingPassesTheNodesValidation()
    {
        var (sut, node) = Start(Models.Pump, Pump2);
        var loop = new DeviceLoop(sut, node);

        loop.Run(3_000, TimeSpan.FromMilliseconds(200));

        Assert.Empty(node.Refusals);
        Assert.Equal(3_000, node.Accepted);
    }

    [Fact]
    public void NextReading_LongRunOfAPump_StaysWithinTheModelsBounds()
    {
        var (sut, node) = Start(Models.Pump, Pump2);
        var loop = new DeviceLoop(sut, node);

        loop.Run(3_000, TimeSpan.FromMilliseconds(200));

        foreach (var property in Models.Pump.Properties.Values.Where(p => p.Minimum is not null))
        {
            var values = loop.Readings.Where(r => r.ContainsKey(property.Name)).Select(r => r[property.Name]!.GetValue<double>()).ToList();
            Assert.All(values, v => Assert.InRange(v, property.Minimum!.Value, property.Maximum!.Value));
        }
    }

    [Fact]
    public void NextReading_ReadingsOfAWanderingValue_ActuallyMove()
    {
        var (sut, node) = Start(Models.Pump, Pump2);
        var loop = new DeviceLoop(sut, node);

        loop.Run(500, TimeSpan.FromMilliseconds(200));

        var temperatures = loop.Readings.Where(r => r.ContainsKey("temperature")).Select(r => r["temperature"]!.GetValue<double>()).Distinct().Count();
        Assert.True(temperatures > 50, $"only {temperatures} distinct temperatures in 500 readings");
    }

    [Fact]
    public void NextReading_ReadingsFasterThanTheDeclaredRate_PassValidationWithLateAcknowledgements()
    {
        // 20 readings/s with acknowledgements up to 80 ms late: the node's intervals are much shorter than the device's.
        var (sut, node) = Start(Models.Reservoir, """{"level":18.4,"batteryLevel":87}""");
        var loop = new DeviceLoop(sut, node);

        loop.Run(4_000, TimeSpan.FromMilliseconds(50), maxDelaySeconds: 0.04);

        Assert.Empty(node.Refusals);
    }

    [Fact]
    public void NextReading_AfterRefusedReadings_StillPassesValidation()
    {
        var model = Models.WithProperties("""{"name":"level","type":"number","minimum":0,"maximum":30,"maxRateOfChange":0.5}""");
        var (sut, node) = Start(model, """{"level":10}""", new BehaviourSettings { RateHeadroom = 1, Volatility = 0.05 });
        var loop = new DeviceLoop(sut, node);

        loop.Run(2_000, TimeSpan.FromMilliseconds(100), refuseEvery: 3);

        Assert.Empty(node.Refusals);
        Assert.True(node.Accepted > 1_000);
    }

    [Fact]
    public void ApplyDesired_NewSpeed_RampsToItAndTheTwinConverges()
    {
        var (sut, node) = Start(Models.Pump, Pump2);
        var loop = new DeviceLoop(sut, node);
        loop.Run(5, TimeSpan.FromMilliseconds(500));
        node.SetDesired("""{"speed":1500}""", loop.Now);

        sut.ApplyDesired(2, Desired("""{"speed":1500,"mode":"auto"}"""));
        loop.Run(40, TimeSpan.FromMilliseconds(500));

        Assert.Empty(node.Refusals);
        Assert.Equal(1500, node.Reported("speed"));
        Assert.Empty(node.State.Delta());
    }

    [Fact]
    public void ApplyDesired_NewSpeed_RampsNoFasterThanTheDefaultRamp()
    {
        // No declared max rate of change for speed: the whole range (3600 rpm) in 10 s, i.e. 360 rpm/s.
        var (sut, node) = Start(Models.Pump, Pump2);
        var loop = new DeviceLoop(sut, node, seed: 3);
        sut.ApplyDesired(1, Desired("""{"speed":3000}"""));

        loop.Run(20, TimeSpan.FromMilliseconds(500), maxDelaySeconds: 0);

        var speeds = loop.Readings.Where(r => r.ContainsKey("speed")).Select(r => r["speed"]!.GetValue<double>()).ToList();
        Assert.All(speeds.Zip(speeds.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 0, 180.001));
        Assert.Equal(3000, speeds[^1]);
    }

    [Fact]
    public void ApplyDesired_SpeedWithADeclaredRate_ConvergesWithinIt()
    {
        var model = Models.WithProperties("""{"name":"speed","type":"integer","minimum":0,"maximum":3600,"maxRateOfChange":50,"writable":true}""");
        var (sut, node) = Start(model, """{"speed":1000}""");
        var loop = new DeviceLoop(sut, node);
        node.SetDesired("""{"speed":1100}""", loop.Now);

        sut.ApplyDesired(3, Desired("""{"speed":1100}"""));
        loop.Run(60, TimeSpan.FromMilliseconds(200));

        Assert.Empty(node.Refusals);
        Assert.Equal(1100, node.Reported("speed"));
        Assert.Empty(node.State.Delta());
    }

    [Fact]
    public void ApplyDesired_OlderVersion_IsIgnored()
    {
        var (sut, _) = Start(Models.Pump, Pump2);
        sut.ApplyDesired(5, Desired("""{"speed":1500}"""));

        var applied = sut.ApplyDesired(4, Desired("""{"speed":100}"""));
        var reading = sut.NextReading(TimeSpan.FromSeconds(100));

        Assert.False(applied);
        Assert.Equal(1500, reading["speed"]!.GetValue<double>());
    }

    [Fact]
    public void ApplyDesired_Mode_IsReportedOnceItIsStored()
    {
        var (sut, node) = Start(Models.Pump, Pump2);
        var loop = new DeviceLoop(sut, node);
        node.SetDesired("""{"mode":"off"}""", loop.Now);
        sut.ApplyDesired(2, Desired("""{"mode":"off"}"""));

        loop.Run(3, TimeSpan.FromMilliseconds(500));

        Assert.Equal("off", loop.Readings[0]["mode"]!.GetValue<string>());
        Assert.DoesNotContain(loop.Readings.Skip(1), r => r.ContainsKey("mode"));
        Assert.Empty(node.State.Delta());
    }

    [Fact]
    public void ApplyDesired_RemovedSetPoint_HoldsTheValue()
    {
        var (sut, _) = Start(Models.Pump, Pump2);
        sut.ApplyDesired(2, Desired("""{"speed":1500}"""));
        sut.NextReading(TimeSpan.FromSeconds(0.5));

        sut.ApplyDesired(3, Desired("{}"));
        var held = sut.ValueOf("speed");
        sut.NextReading(TimeSpan.FromSeconds(30));

        Assert.Equal(held, sut.ValueOf("speed"));
    }

    [Fact]
    public void NextReading_IntegerWithASlowRate_MovesInWholeStepsWithinTheRate()
    {
        var model = Models.WithProperties("""{"name":"count","type":"integer","minimum":0,"maximum":1000,"maxRateOfChange":0.5}""");
        var (sut, node) = Start(model, """{"count":500}""", new BehaviourSettings { Volatility = 0.05 });
        var loop = new DeviceLoop(sut, node);

        loop.Run(2_000, TimeSpan.FromMilliseconds(100));

        Assert.Empty(node.Refusals);
        var counts = loop.Readings.Select(r => r["count"]!.ToJsonString()).ToList();
        Assert.All(counts, c => Assert.Matches("^[0-9]+$", c));
        Assert.True(counts.Distinct().Count() > 2, "the count never moved");
    }

    [Fact]
    public void NextReading_NothingChanged_RepeatsAStoredValueRatherThanSendNothing()
    {
        var model = Models.WithProperties("""{"name":"setPoint","type":"number","minimum":0,"maximum":10,"writable":true}""");
        var (sut, _) = Start(model, """{"setPoint":4}""");

        var reading = sut.NextReading(TimeSpan.FromSeconds(1));

        Assert.Equal(4, reading["setPoint"]!.GetValue<double>());
    }

    [Fact]
    public void NextReading_PropertyTheTwinHasNotReported_StartsInsideTheBounds()
    {
        var (sut, _) = Start(Models.Pump, "{}");

        var reading = sut.NextReading(TimeSpan.FromSeconds(1));

        Assert.InRange(reading["temperature"]!.GetValue<double>(), -20, 120);
        Assert.InRange(reading["power"]!.GetValue<double>(), 0, 500);
    }

    [Fact]
    public void Constructor_ModelWithoutNumbers_IsRefused()
    {
        var model = Models.WithProperties("""{"name":"label","type":"string"}""");

        Assert.False(DeviceBehaviour.CanSimulate(model));
        Assert.Throws<ArgumentException>(() => new DeviceBehaviour(model, [], TimeSpan.Zero, new Random(1)));
    }

    private static (DeviceBehaviour Sut, FakeNode Node) Start(TwinModel model, string reported, BehaviourSettings? settings = null)
    {
        var node = new FakeNode(model, reported);
        var sut = new DeviceBehaviour(model, (JsonObject)JsonNode.Parse(reported)!, TimeSpan.Zero, new Random(42), settings);
        return (sut, node);
    }

    private static JsonObject Desired(string json) => (JsonObject)JsonNode.Parse(json)!;
}
