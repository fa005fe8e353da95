using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

/// <summary>The optional <c>integrity</c> member of a property.</summary>
public class ModelIntegrityParsingTests
{
    private static string WithIntegrity(string integrityJson) =>
        ModelDocuments.WithProperties($$"""[{ "name": "temperature", "type": "number", "integrity": {{integrityJson}} }]""");

    private static PropertyIntegrity ParseIntegrity(string integrityJson) =>
        ModelDocuments.ParseValidJson(WithIntegrity(integrityJson)).Properties["temperature"].Integrity;

    [Theory]
    [InlineData("number")]
    [InlineData("integer")]
    public void ParseJson_NumericPropertyWithoutIntegrity_GetsTheDefaultChecks(string type)
    {
        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties($$"""[{ "name": "speed", "type": "{{type}}" }]"""));

        Assert.Same(PropertyIntegrity.Default, model.Properties["speed"].Integrity);
    }

    [Fact]
    public void ParseJson_NumericTelemetryWithoutIntegrity_GetsTheDefaultChecks()
    {
        var model = ModelDocuments.ParseValidJson("""{ "id": "test-model", "version": 1, "telemetry": [ { "name": "speed", "type": "number" } ] }""");

        Assert.Same(PropertyIntegrity.Default, model.Properties["speed"].Integrity);
    }

    [Theory]
    [InlineData("""{ "name": "label", "type": "string" }""")]
    [InlineData("""{ "name": "label", "type": "boolean" }""")]
    [InlineData("""{ "name": "label", "type": "object" }""")]
    [InlineData("""{ "name": "label", "type": "enum", "values": ["on", "off"] }""")]
    public void ParseJson_NonNumericProperty_GetsNoChecks(string property)
    {
        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties($"[{property}]"));

        Assert.Same(PropertyIntegrity.None, model.Properties["label"].Integrity);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("false")]
    [InlineData("""{ "spike": false }""")]
    public void ParseJson_IntegrityOnANonNumericProperty_IsRefused(string integrity)
    {
        var json = ModelDocuments.WithProperties($$"""[{ "name": "label", "type": "string", "integrity": {{integrity}} }]""");

        var result = ModelDocumentParser.ParseJson(json);

        ModelDocuments.AssertSingleError(result, "$.properties[0].integrity", "Only number and integer properties take 'integrity'");
    }

    [Fact]
    public void ParseJson_IntegrityFalse_SwitchesEveryCheckOffButKeepsImplausibleQuarantined()
    {
        var integrity = ParseIntegrity("false");

        Assert.Null(integrity.Spike);
        Assert.Null(integrity.Drift);
        Assert.Null(integrity.Stuck);
        Assert.Equal(IntegrityAction.Quarantine, integrity.Implausible);
    }

    [Fact]
    public void ParseJson_EmptyIntegrityObject_IsTheDefault()
    {
        Assert.Equal(PropertyIntegrity.Default, ParseIntegrity("{}"));
    }

    [Fact]
    public void ParseJson_OneCheckFalse_SwitchesOnlyThatCheckOff()
    {
        var integrity = ParseIntegrity("""{ "drift": false }""");

        Assert.Equal(PropertyIntegrity.Default with { Drift = null }, integrity);
    }

    [Fact]
    public void ParseJson_EveryCheckFalse_LeavesOnlyImplausible()
    {
        var integrity = ParseIntegrity("""{ "spike": false, "drift": false, "stuck": false, "implausible": "flag" }""");

        Assert.Equal(new PropertyIntegrity { Implausible = IntegrityAction.Flag }, integrity);
    }

    [Fact]
    public void ParseJson_EverySetting_IsRead()
    {
        var integrity = ParseIntegrity("""
            {
              "spike": { "window": 31, "threshold": 8, "minimumScale": 0.01, "action": "quarantine" },
              "drift": { "warmUp": 2000, "k": 0.25, "h": 9, "action": "quarantine" },
              "stuck": { "run": 40, "warmUp": 50, "tolerance": 0.001, "action": "quarantine" },
              "implausible": "flag"
            }
            """);

        Assert.Equal(new SpikeSettings(31, 8, 0.01, IntegrityAction.Quarantine), integrity.Spike);
        Assert.Equal(new DriftSettings(2000, 0.25, 9, IntegrityAction.Quarantine), integrity.Drift);
        Assert.Equal(new StuckSettings(40, 50, 0.001, IntegrityAction.Quarantine), integrity.Stuck);
        Assert.Equal(IntegrityAction.Flag, integrity.Implausible);
    }

    [Fact]
    public void ParseJson_SomeSettingsOfACheck_TakesTheRestFromItsDefaults()
    {
        var integrity = ParseIntegrity("""{ "spike": { "threshold": 5 }, "stuck": { "action": "quarantine" } }""");

        Assert.Equal(new SpikeSettings() with { Threshold = 5 }, integrity.Spike);
        Assert.Equal(new DriftSettings(), integrity.Drift);
        Assert.Equal(new StuckSettings() with { Action = IntegrityAction.Quarantine }, integrity.Stuck);
        Assert.Equal(IntegrityAction.Quarantine, integrity.Implausible);
    }

    [Fact]
    public void ParseJson_SettingsOnTheirBounds_AreAccepted()
    {
        var low = ParseIntegrity("""
            { "spike": { "window": 5, "minimumScale": 1e-12 }, "drift": { "warmUp": 10, "k": 0 }, "stuck": { "run": 2, "warmUp": 0, "tolerance": 0 } }
            """);
        var high = ParseIntegrity("""
            { "spike": { "window": 1000, "threshold": 1000 }, "drift": { "warmUp": 100000 }, "stuck": { "run": 10000, "warmUp": 100000 } }
            """);

        Assert.Equal((5, 10, 0.0, 2, 0), (low.Spike!.Window, low.Drift!.WarmUp, low.Drift.K, low.Stuck!.Run, low.Stuck.WarmUp));
        Assert.Equal((1000, 1000.0, 100_000, 10_000, 100_000), (high.Spike!.Window, high.Spike.Threshold, high.Drift!.WarmUp, high.Stuck!.Run, high.Stuck.WarmUp));
    }

    [Theory]
    [InlineData("""{ "spike": { "window": 4 } }""", "spike.window", "Must be from 5 to 1000")]
    [InlineData("""{ "spike": { "window": 1001 } }""", "spike.window", "Must be from 5 to 1000")]
    [InlineData("""{ "spike": { "window": 31.5 } }""", "spike.window", "Must be an integer")]
    [InlineData("""{ "spike": { "threshold": 0 } }""", "spike.threshold", "greater than 0 and at most 1000")]
    [InlineData("""{ "spike": { "threshold": 1000.5 } }""", "spike.threshold", "greater than 0 and at most 1000")]
    [InlineData("""{ "spike": { "minimumScale": 0 } }""", "spike.minimumScale", "Must be greater than 0")]
    [InlineData("""{ "spike": { "minimumScale": -0.1 } }""", "spike.minimumScale", "Must be greater than 0")]
    [InlineData("""{ "drift": { "warmUp": 9 } }""", "drift.warmUp", "Must be from 10 to 100000")]
    [InlineData("""{ "drift": { "warmUp": 100001 } }""", "drift.warmUp", "Must be from 10 to 100000")]
    [InlineData("""{ "drift": { "k": -0.5 } }""", "drift.k", "Must be 0 or greater")]
    [InlineData("""{ "drift": { "h": 0 } }""", "drift.h", "Must be greater than 0")]
    [InlineData("""{ "stuck": { "run": 1 } }""", "stuck.run", "Must be from 2 to 10000")]
    [InlineData("""{ "stuck": { "run": 10001 } }""", "stuck.run", "Must be from 2 to 10000")]
    [InlineData("""{ "stuck": { "warmUp": -1 } }""", "stuck.warmUp", "Must be from 0 to 100000")]
    [InlineData("""{ "stuck": { "warmUp": 100001 } }""", "stuck.warmUp", "Must be from 0 to 100000")]
    [InlineData("""{ "stuck": { "tolerance": -0.01 } }""", "stuck.tolerance", "Must be 0 or greater")]
    [InlineData("""{ "stuck": { "tolerance": "0" } }""", "stuck.tolerance", "Must be a number")]
    public void ParseJson_SettingOutOfBounds_IsReportedAtItsPath(string integrity, string member, string fragment)
    {
        var result = ModelDocumentParser.ParseJson(WithIntegrity(integrity));

        ModelDocuments.AssertSingleError(result, $"$.properties[0].integrity.{member}", fragment);
    }

    [Theory]
    [InlineData("true", "integrity", "Must be an object, or false")]
    [InlineData("\"off\"", "integrity", "Must be an object, or false")]
    [InlineData("""{ "spike": true }""", "integrity.spike", "Must be an object, or false")]
    [InlineData("""{ "spikes": false }""", "integrity.spikes", "Unknown member 'spikes'")]
    [InlineData("""{ "drift": { "K": 1 } }""", "integrity.drift.K", "Unknown member 'K'")]
    [InlineData("""{ "stuck": { "action": "ignore" } }""", "integrity.stuck.action", "'ignore' is not one of: flag, quarantine")]
    [InlineData("""{ "spike": { "action": "Flag" } }""", "integrity.spike.action", "'Flag' is not one of")]
    [InlineData("""{ "implausible": "reject" }""", "integrity.implausible", "'reject' is not one of: flag, quarantine")]
    [InlineData("""{ "implausible": false }""", "integrity.implausible", "Must be a string")]
    public void ParseJson_MalformedIntegrity_IsReportedAtItsPath(string integrity, string member, string fragment)
    {
        var result = ModelDocumentParser.ParseJson(WithIntegrity(integrity));

        ModelDocuments.AssertSingleError(result, $"$.properties[0].{member}", fragment);
    }

    [Fact]
    public void ParseJson_SeveralIntegrityMistakes_AreAllReported()
    {
        var json = """
            {
              "id": "test-model", "version": 1,
              "properties": [
                { "name": "temperature", "type": "number",
                  "integrity": { "spike": { "window": 2, "threshold": -1 }, "drift": { "h": 0, "colour": 1 }, "implausible": "ignore" } },
                { "name": "label", "type": "string", "integrity": false }
              ],
              "telemetry": [ { "name": "flow", "type": "integer", "integrity": { "stuck": { "run": 0, "tolerance": -1 } } } ]
            }
            """;

        var result = ModelDocumentParser.ParseJson(json);

        string[] expected =
        [
            "$.properties[0].integrity.drift.colour",
            "$.properties[0].integrity.drift.h",
            "$.properties[0].integrity.implausible",
            "$.properties[0].integrity.spike.threshold",
            "$.properties[0].integrity.spike.window",
            "$.properties[1].integrity",
            "$.telemetry[0].integrity.stuck.run",
            "$.telemetry[0].integrity.stuck.tolerance",
        ];
        Assert.Equal(expected, ModelDocuments.SortedPaths(result.Errors));
        Assert.Null(result.Model);
    }

    [Fact]
    public void ParseJson_IntegrityInsideAPropertyOfUnknownType_IsStillChecked()
    {
        var json = ModelDocuments.WithProperties("""[{ "name": "speed", "type": "decimal", "integrity": { "spike": { "window": 1 } } }]""");

        var result = ModelDocumentParser.ParseJson(json);

        Assert.Equal(["$.properties[0].integrity.spike.window", "$.properties[0].type"], ModelDocuments.SortedPaths(result.Errors));
    }

    [Fact]
    public void ParseYaml_IntegritySettings_AreReadLikeJson()
    {
        var yaml = """
            id: pump
            version: 1
            properties:
              - name: temperature
                type: number
                minimum: -40
                maximum: 150
                integrity:
                  spike: { window: 15, threshold: 6.5, minimumScale: 0.01, action: flag }
                  drift: false
                  stuck:
                    run: 60
                    tolerance: 0.05
                  implausible: flag
              - name: pressure
                type: number
                integrity: false
            """;

        var result = ModelDocumentParser.ParseYaml(yaml);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var temperature = result.Model.Properties["temperature"].Integrity;
        Assert.Equal(new SpikeSettings(15, 6.5, 0.01, IntegrityAction.Flag), temperature.Spike);
        Assert.Null(temperature.Drift);
        Assert.Equal(new StuckSettings() with { Run = 60, Tolerance = 0.05 }, temperature.Stuck);
        Assert.Equal(IntegrityAction.Flag, temperature.Implausible);
        Assert.Equal(PropertyIntegrity.None, result.Model.Properties["pressure"].Integrity);
    }

    [Fact]
    public void ParseYaml_OutOfBoundsSetting_IsReportedAtItsJsonPath()
    {
        var yaml = "id: pump\nversion: 1\nproperties:\n  - name: temperature\n    type: number\n    integrity:\n      drift:\n        warmUp: 5\n";

        var result = ModelDocumentParser.ParseYaml(yaml);

        ModelDocuments.AssertSingleError(result, "$.properties[0].integrity.drift.warmUp", "Must be from 10 to 100000");
    }
}
