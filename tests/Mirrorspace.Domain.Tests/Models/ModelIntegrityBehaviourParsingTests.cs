using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

/// <summary>The model's <c>behaviours</c>: consistency rules between numeric properties.</summary>
public class ModelIntegrityBehaviourParsingTests
{
    /// <summary>A document whose properties are voltage, current, power (numbers), flow (integer telemetry) and label (a string).</summary>
    private static string WithBehaviours(string behavioursJson) => $$"""
        {
          "id": "test-model", "version": 1,
          "properties": [
            { "name": "voltage", "type": "number" },
            { "name": "current", "type": "number" },
            { "name": "power", "type": "number" },
            { "name": "label", "type": "string" }
          ],
          "telemetry": [ { "name": "flow", "type": "integer" } ],
          "behaviours": {{behavioursJson}}
        }
        """;

    private static string WithRule(string rule) => WithBehaviours($$"""[{ "name": "electrical_power", "rule": "{{rule}}" }]""");

    [Fact]
    public void ParseJson_NoBehaviours_GivesAnEmptyList()
    {
        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties("""[{ "name": "power", "type": "number" }]"""));

        Assert.Empty(model.Behaviours);
    }

    [Theory]
    [InlineData("power ≈ voltage * current")]
    [InlineData("power ~= voltage * current")]
    [InlineData("power ~ voltage * current")]
    [InlineData("power≈voltage * current")]
    [InlineData("  power   ~=   voltage * current  ")]
    public void ParseJson_RuleWithAnySeparator_IsSplitIntoPropertyAndExpression(string rule)
    {
        var model = ModelDocuments.ParseValidJson(WithRule(rule));

        var behaviour = Assert.Single(model.Behaviours);
        Assert.Equal("electrical_power", behaviour.Name);
        Assert.Equal("power", behaviour.Rule.Property);
        Assert.Equal("voltage * current", behaviour.Rule.Expected.Text);
        Assert.Equal(["current", "voltage"], behaviour.Rule.Expected.Variables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ParseJson_RuleWithoutTolerancesOrAction_GetsTheDefaults()
    {
        var behaviour = Assert.Single(ModelDocuments.ParseValidJson(WithRule("power ≈ voltage * current")).Behaviours);

        Assert.Equal(0.05, behaviour.Rule.RelativeTolerance);
        Assert.Equal(0, behaviour.Rule.AbsoluteTolerance);
        Assert.Equal(IntegrityAction.Flag, behaviour.Action);
    }

    [Fact]
    public void ParseJson_EveryMember_IsReadAndRulesKeepTheirOrder()
    {
        var model = ModelDocuments.ParseValidJson(WithBehaviours("""
            [
              { "name": "electrical_power", "rule": "power ≈ voltage * current", "relativeTolerance": 0.1, "absoluteTolerance": 2, "action": "quarantine" },
              { "name": "flow_from_power", "rule": "flow ~ 2.2e-10 * power^3", "relativeTolerance": 0, "absoluteTolerance": 0.5 }
            ]
            """));

        Assert.Equal(["electrical_power", "flow_from_power"], model.Behaviours.Select(b => b.Name));
        var first = model.Behaviours[0];
        Assert.Equal((0.1, 2.0, IntegrityAction.Quarantine), (first.Rule.RelativeTolerance, first.Rule.AbsoluteTolerance, first.Action));
        var second = model.Behaviours[1];
        Assert.Equal(("flow", 0.0, 0.5, IntegrityAction.Flag), (second.Rule.Property, second.Rule.RelativeTolerance, second.Rule.AbsoluteTolerance, second.Action));
    }

    [Fact]
    public void ParseJson_ParsedRule_ChecksReadings()
    {
        var behaviour = Assert.Single(ModelDocuments.ParseValidJson(WithRule("power ≈ voltage * current")).Behaviours);
        var readings = new Dictionary<string, double> { ["voltage"] = 230, ["current"] = 10 };

        readings["power"] = 2_350; // within 5% of 2300
        var consistent = behaviour.Rule.Check(name => readings.TryGetValue(name, out var v) ? v : null);
        readings["power"] = 2_500;
        var inconsistent = behaviour.Rule.Check(name => readings.TryGetValue(name, out var v) ? v : null);

        Assert.Equal(Domain.Integrity.IntegritySignal.None, consistent);
        Assert.Equal(Domain.Integrity.IntegritySignal.Inconsistent, inconsistent);
    }

    [Theory]
    [InlineData("energy ≈ voltage * current", "'energy' is not a declared property")]
    [InlineData("power ≈ voltage * amps", "'amps' is not a declared property")]
    [InlineData("label ≈ voltage * current", "'label' is a string property")]
    [InlineData("power ≈ voltage * label", "'label' is a string property")]
    [InlineData("power ≈ (voltage * current", "Missing ')' at position")]
    [InlineData("power ≈ voltage ** current", "Expected a number, a property name or '('")]
    [InlineData("power ≈ log(voltage)", "Unknown function 'log'")]
    [InlineData("power ≈ ", "Expected a number, a property name or '('")]
    [InlineData(" ≈ voltage * current", "Must name a property before the separator")]
    [InlineData("power = voltage * current", "Must be '<property> ≈ <expression>'")]
    [InlineData("power ≈ voltage ≈ current", "Unexpected character")]
    public void ParseJson_BadRule_IsReportedAtTheRule(string rule, string fragment)
    {
        var result = ModelDocumentParser.ParseJson(WithRule(rule));

        ModelDocuments.AssertSingleError(result, "$.behaviours[0].rule", fragment);
    }

    [Fact]
    public void ParseJson_SeveralUnknownVariables_AreEachNamed()
    {
        var result = ModelDocumentParser.ParseJson(WithRule("torque ≈ power / speed + label"));

        Assert.All(result.Errors, e => Assert.Equal("$.behaviours[0].rule", e.Path));
        Assert.Equal(
            ["'label' is a string property; rules relate number and integer properties only.", "'speed' is not a declared property or telemetry.", "'torque' is not a declared property or telemetry."],
            result.Errors.Select(e => e.Message).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{ "rule": "power ≈ voltage * current" }""", "name", "Is required")]
    [InlineData("""{ "name": "9power", "rule": "power ≈ voltage * current" }""", "name", "Must start with a letter")]
    [InlineData("""{ "name": "electrical-power", "rule": "power ≈ voltage * current" }""", "name", "Must start with a letter")]
    [InlineData("""{ "name": "p" }""", "rule", "Is required")]
    [InlineData("""{ "name": "p", "rule": 42 }""", "rule", "Must be a string")]
    [InlineData("""{ "name": "p", "rule": "power ≈ voltage * current", "relativeTolerance": 0, "absoluteTolerance": 0 }""", "relativeTolerance", "must not both be 0")]
    [InlineData("""{ "name": "p", "rule": "power ≈ voltage * current", "relativeTolerance": 0 }""", "relativeTolerance", "must not both be 0")]
    [InlineData("""{ "name": "p", "rule": "power ≈ voltage * current", "relativeTolerance": 10.5 }""", "relativeTolerance", "Must be from 0 to 10")]
    [InlineData("""{ "name": "p", "rule": "power ≈ voltage * current", "relativeTolerance": -0.05 }""", "relativeTolerance", "Must be from 0 to 10")]
    [InlineData("""{ "name": "p", "rule": "power ≈ voltage * current", "absoluteTolerance": -1 }""", "absoluteTolerance", "Must be 0 or greater")]
    [InlineData("""{ "name": "p", "rule": "power ≈ voltage * current", "action": "reject" }""", "action", "'reject' is not one of: flag, quarantine")]
    [InlineData("""{ "name": "p", "rule": "power ≈ voltage * current", "tolerance": 0.1 }""", "tolerance", "Unknown member 'tolerance'")]
    public void ParseJson_BadBehaviourMember_IsReportedAtItsPath(string behaviour, string member, string fragment)
    {
        var result = ModelDocumentParser.ParseJson(WithBehaviours($"[{behaviour}]"));

        ModelDocuments.AssertSingleError(result, $"$.behaviours[0].{member}", fragment);
    }

    [Fact]
    public void ParseJson_ToleranceOfTenAndRelativeZeroWithAbsolute_AreAccepted()
    {
        var model = ModelDocuments.ParseValidJson(WithBehaviours("""
            [
              { "name": "loose", "rule": "power ≈ voltage * current", "relativeTolerance": 10 },
              { "name": "absolute", "rule": "power ≈ voltage * current", "relativeTolerance": 0, "absoluteTolerance": 0.001 }
            ]
            """));

        Assert.Equal([10.0, 0.0], model.Behaviours.Select(b => b.Rule.RelativeTolerance));
    }

    [Fact]
    public void ParseJson_DuplicateBehaviourName_IsRefused()
    {
        var result = ModelDocumentParser.ParseJson(WithBehaviours("""
            [
              { "name": "electrical_power", "rule": "power ≈ voltage * current" },
              { "name": "electrical_power", "rule": "power ≈ voltage * current * 1.01" }
            ]
            """));

        ModelDocuments.AssertSingleError(result, "$.behaviours[1].name", "'electrical_power' is declared more than once");
    }

    [Fact]
    public void ParseJson_BehaviourNamedLikeAProperty_IsAccepted()
    {
        var model = ModelDocuments.ParseValidJson(WithBehaviours("""[{ "name": "power", "rule": "power ≈ voltage * current" }]"""));

        Assert.Equal("power", Assert.Single(model.Behaviours).Name);
    }

    [Theory]
    [InlineData("{}", "$.behaviours", "Must be an array")]
    [InlineData("""["power ≈ voltage * current"]""", "$.behaviours[0]", "Must be an object")]
    public void ParseJson_BehavioursOfTheWrongShape_AreRefused(string behaviours, string path, string fragment)
    {
        var result = ModelDocumentParser.ParseJson(WithBehaviours(behaviours));

        ModelDocuments.AssertSingleError(result, path, fragment);
    }

    [Fact]
    public void ParseJson_MoreThan64Behaviours_AreRefused()
    {
        var items = Enumerable.Range(0, 65).Select(i => $$"""{ "name": "rule{{i}}", "rule": "power ≈ voltage * current" }""");

        var result = ModelDocumentParser.ParseJson(WithBehaviours($"[{string.Join(',', items)}]"));

        ModelDocuments.AssertSingleError(result, "$.behaviours", "at most 64 items");
    }

    [Fact]
    public void ParseJson_SixtyFourBehaviours_AreAccepted()
    {
        var items = Enumerable.Range(0, 64).Select(i => $$"""{ "name": "rule{{i}}", "rule": "power ≈ voltage * current" }""");

        var model = ModelDocuments.ParseValidJson(WithBehaviours($"[{string.Join(',', items)}]"));

        Assert.Equal(64, model.Behaviours.Count);
    }

    [Fact]
    public void ParseJson_SeveralBehaviourMistakes_AreAllReportedWithPropertyMistakes()
    {
        var json = """
            {
              "id": "test-model", "version": 1,
              "properties": [
                { "name": "power", "type": "number", "integrity": { "stuck": { "run": 1 } } },
                { "name": "voltage", "type": "number" }
              ],
              "behaviours": [
                { "name": "a", "rule": "power ≈ voltage * current", "relativeTolerance": 0 },
                { "name": "a", "rule": "power ~ (voltage", "action": "drop" },
                { "name": "b", "rule": "power ≈ voltage", "absoluteTolerance": -2, "colour": "red" }
              ]
            }
            """;

        var result = ModelDocumentParser.ParseJson(json);

        string[] expected =
        [
            "$.behaviours[0].relativeTolerance",
            "$.behaviours[0].rule",
            "$.behaviours[1].action",
            "$.behaviours[1].name",
            "$.behaviours[1].rule",
            "$.behaviours[2].absoluteTolerance",
            "$.behaviours[2].colour",
            "$.properties[0].integrity.stuck.run",
        ];
        Assert.Equal(expected, ModelDocuments.SortedPaths(result.Errors));
    }

    [Fact]
    public void ParseYaml_BehavioursAndIntegrity_GiveTheSameModelAsJson()
    {
        var yaml = """
            id: meter
            version: 1
            properties:
              - name: voltage
                type: number
                integrity:
                  spike: { threshold: 6 }
                  stuck: false
              - name: current
                type: number
              - name: power
                type: number
            behaviours:
              - name: electrical_power
                rule: power ≈ voltage * current
                relativeTolerance: 0.02
                absoluteTolerance: 5
                action: quarantine
            """;
        var json = """
            {
              "id": "meter", "version": 1,
              "properties": [
                { "name": "voltage", "type": "number", "integrity": { "spike": { "threshold": 6 }, "stuck": false } },
                { "name": "current", "type": "number" },
                { "name": "power", "type": "number" }
              ],
              "behaviours": [
                { "name": "electrical_power", "rule": "power ≈ voltage * current", "relativeTolerance": 0.02, "absoluteTolerance": 5, "action": "quarantine" }
              ]
            }
            """;

        var fromYaml = ModelDocumentParser.ParseYaml(yaml);
        var fromJson = ModelDocumentParser.ParseJson(json);

        Assert.True(fromYaml.IsValid, string.Join("; ", fromYaml.Errors));
        Assert.True(fromJson.IsValid, string.Join("; ", fromJson.Errors));
        Assert.Equal(new SpikeSettings() with { Threshold = 6 }, fromYaml.Model.Properties["voltage"].Integrity.Spike);
        Assert.Null(fromYaml.Model.Properties["voltage"].Integrity.Stuck);
        var behaviour = Assert.Single(fromYaml.Model.Behaviours);
        Assert.Equal(("power", "voltage * current", 0.02, 5.0, IntegrityAction.Quarantine), (behaviour.Rule.Property, behaviour.Rule.Expected.Text, behaviour.Rule.RelativeTolerance, behaviour.Rule.AbsoluteTolerance, behaviour.Action));
        Assert.Equivalent(fromJson.Model, fromYaml.Model, strict: true);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(fromJson.CanonicalJson), JsonNode.Parse(fromYaml.CanonicalJson)));
    }

    [Fact]
    public void ParseJson_CanonicalJson_ParsesBackToTheSameIntegrityAndBehaviours()
    {
        var json = """
            {
              "id": "meter", "version": 1,
              "properties": [
                { "name": "voltage", "type": "number", "integrity": { "drift": { "k": 1 }, "spike": false } },
                { "name": "current", "type": "number" },
                { "name": "power", "type": "number" }
              ],
              "behaviours": [ { "name": "electrical_power", "rule": "power ≈ voltage * current", "absoluteTolerance": 1, "action": "quarantine" } ]
            }
            """;
        var first = ModelDocumentParser.ParseJson(json);
        Assert.True(first.IsValid, string.Join("; ", first.Errors));

        var again = ModelDocuments.ParseValidJson(first.CanonicalJson);

        Assert.Equal(PropertyIntegrity.Default with { Spike = null, Drift = new DriftSettings() with { K = 1 } }, again.Properties["voltage"].Integrity);
        Assert.Equivalent(first.Model.Behaviours, again.Behaviours, strict: true);
        Assert.Equal("voltage * current", Assert.Single(again.Behaviours).Rule.Expected.Text);
    }
}
