using System.Text.Json.Nodes;
using Mirrorspace.Domain.Integrity;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Integrity;

/// <summary>The twin's stages of the pipeline: each value gets its own verdict, and each check says why.</summary>
public sealed class TwinIntegrityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private readonly TwinIntegrity _integrity = new();
    private readonly TwinState _state = new();
    private readonly SyntheticStreams _noise = new(7);

    private static TwinModel Model(string extra = "", string behaviours = "[]", int version = 1) => ModelDocuments.ParseValidJson($$"""
        {
          "id": "meter", "version": {{version}},
          "properties": [
            { "name": "voltage", "type": "number", "minimum": 0, "maximum": 500 {{extra}} },
            { "name": "current", "type": "number", "minimum": 0, "maximum": 100 },
            { "name": "power", "type": "number", "minimum": 0, "maximum": 50000 },
            { "name": "mode", "type": "string" }
          ],
          "behaviours": {{behaviours}}
        }
        """);

    [Fact]
    public void Assess_CleanReadings_AcceptsEveryValueWithoutFindings()
    {
        var model = Model();
        for (var i = 0; i < 200; i++)
        {
            var assessment = Assess(model, $$"""{"voltage": {{_noise.Next(230, 1)}}, "mode": "run"}""");
            Assert.Equal(Verdict.Accepted, assessment.Verdict);
            Assert.Empty(assessment.Findings);
            Assert.Equal(2, assessment.Accepted.Count);
        }
    }

    [Fact]
    public void Assess_OutOfBounds_HoldsThatValueOnlyAndSaysWhy()
    {
        var assessment = Assess(Model(), """{"voltage": 900, "current": 5}""");

        Assert.Equal(Verdict.Quarantined, assessment.Verdict);
        Assert.Equal(900, assessment.Held["voltage"]!.GetValue<double>());
        Assert.Equal(5, assessment.Accepted["current"]!.GetValue<double>());
        var finding = Assert.Single(assessment.Findings);
        Assert.Equal((SignalKind.OutOfBounds, "voltage", Verdict.Quarantined), (finding.Kind, finding.Property, finding.Verdict));
        Assert.Contains("maximum 500", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_ImplausibleSetToFlag_AppliesTheValueAsSuspect()
    {
        var assessment = Assess(Model(""", "integrity": { "implausible": "flag" }"""), """{"voltage": 900}""");

        Assert.Equal(Verdict.Flagged, assessment.Verdict);
        Assert.Equal(900, assessment.Suspect["voltage"]!.GetValue<double>());
        Assert.Empty(assessment.Held);
    }

    [Fact]
    public void Assess_SpikeAfterSteadyReadings_IsHeldAndKeptOutOfTheWindow()
    {
        var model = Model();
        Feed(model, 40, () => _noise.Next(230, 1));

        var spike = Assess(model, """{"voltage": 300}""");
        var next = Assess(model, $$"""{"voltage": {{_noise.Next(230, 1)}}}""");

        Assert.Equal(Verdict.Quarantined, spike.Verdict);
        Assert.Equal(SignalKind.Spike, Assert.Single(spike.Findings).Kind);
        Assert.Equal(Verdict.Accepted, next.Verdict);
    }

    [Fact]
    public void Assess_StuckSensor_SignalsOnceAndFlagsEveryValueOfTheRun()
    {
        var model = Model();
        Feed(model, 60, () => _noise.Next(230, 1));

        var verdicts = Enumerable.Range(0, 40).Select(_ => Assess(model, """{"voltage": 231.5}""")).ToList();

        Assert.Single(verdicts.SelectMany(a => a.Findings), f => f.Kind is SignalKind.Stuck);
        Assert.All(verdicts.Skip(29), a => Assert.Equal(Verdict.Flagged, a.Verdict));
        Assert.All(verdicts.Take(28), a => Assert.Equal(Verdict.Accepted, a.Verdict));
        Assert.Equal(Verdict.Accepted, Assess(model, """{"voltage": 229.8}""").Verdict);
    }

    [Fact]
    public void Assess_ConstantLegitimateValue_IsNeverSuspect()
    {
        var model = Model();
        var verdicts = Enumerable.Range(0, 2_000).Select(_ => Assess(model, """{"voltage": 230}""")).ToList();

        Assert.All(verdicts, a => Assert.Equal(Verdict.Accepted, a.Verdict));
    }

    [Fact]
    public void Assess_ReadingsWithoutTheProperty_LeaveItsDetectorsAsTheyWere()
    {
        var model = Model();
        Feed(model, 40, () => _noise.Next(230, 1));

        // Missing samples: a long run of readings that carry other values only.
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(Verdict.Accepted, Assess(model, $$"""{"current": {{_noise.Next(10, 0.1)}}}""").Verdict);
        }

        Assert.Equal(Verdict.Accepted, Assess(model, $$"""{"voltage": {{_noise.Next(230, 1)}}}""").Verdict);
        Assert.Equal(Verdict.Quarantined, Assess(model, """{"voltage": 300}""").Verdict);
    }

    [Fact]
    public void Assess_SwitchedOffChecks_RunNone()
    {
        var model = Model(""", "integrity": false""");
        Feed(model, 60, () => _noise.Next(230, 1));

        Assert.Equal(Verdict.Accepted, Assess(model, """{"voltage": 400}""").Verdict);
        Assert.Equal(Verdict.Quarantined, Assess(model, """{"voltage": 600}""").Verdict);
    }

    [Fact]
    public void Assess_BrokenBehaviour_FlagsEveryValueOfTheReadingItInvolves()
    {
        var model = Model(behaviours: """[{ "name": "ohm", "rule": "power ≈ voltage * current", "relativeTolerance": 0.05 }]""");

        var consistent = Assess(model, """{"voltage": 230, "current": 10, "power": 2300}""");
        var inconsistent = Assess(model, """{"voltage": 230, "current": 10, "power": 1000, "mode": "run"}""");

        Assert.Equal(Verdict.Accepted, consistent.Verdict);
        Assert.Equal(Verdict.Flagged, inconsistent.Verdict);
        Assert.All(inconsistent.Findings, f => Assert.Equal(SignalKind.Inconsistent, f.Kind));
        Assert.Equal(["current", "power", "voltage"], inconsistent.Suspect.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("run", inconsistent.Accepted["mode"]!.GetValue<string>());
    }

    [Fact]
    public void Assess_BehaviourWithOneFreshValue_UsesTheTwinsCurrentValuesForTheRest()
    {
        var model = Model(behaviours: """[{ "name": "ohm", "rule": "power ≈ voltage * current" }]""");
        Apply("""{"voltage": 230, "current": 10, "power": 2300}""");

        Assert.Equal(Verdict.Accepted, Assess(model, """{"power": 2310}""").Verdict);
        Assert.Equal(Verdict.Flagged, Assess(model, """{"power": 900}""").Verdict);
    }

    [Fact]
    public void Assess_NewModelVersion_StartsTheDetectorsAfresh()
    {
        Feed(Model(), 60, () => _noise.Next(230, 1));

        // Under version 2 the window is empty again, so a jump cannot be judged a spike yet.
        Assert.Equal(Verdict.Accepted, Assess(Model(version: 2), """{"voltage": 300}""").Verdict);
    }

    private void Feed(TwinModel model, int count, Func<double> value)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(Verdict.Accepted, Assess(model, $$"""{"voltage": {{value()}}}""").Verdict);
        }
    }

    private ReadingAssessment Assess(TwinModel model, string json)
    {
        var patch = (JsonObject)JsonNode.Parse(json)!;
        var check = StateUpdateValidator.CheckReported(model, _state, patch, Now);
        Assert.Empty(check.Errors);
        return _integrity.Assess(model, _state, patch, check);
    }

    private void Apply(string json) => _state.Apply(new TwinEvent
    {
        Version = _state.Version + 1,
        Timestamp = Now,
        Kind = TwinEventKind.ReportedPatched,
        Payload = json,
        Source = "test",
    });
}
