using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class ModelDocumentParserPropertyTests
{
    [Theory]
    [InlineData("""{ "type": "number" }""", "$.properties[0].name", "Is required")]
    [InlineData("""{ "name": "speed" }""", "$.properties[0].type", "Is required")]
    [InlineData("""{ "name": "speed", "type": "Number" }""", "$.properties[0].type", "'Number' is not one of")]
    [InlineData("""{ "name": "speed", "type": 1 }""", "$.properties[0].type", "Must be a string")]
    [InlineData("""{ "name": "speed_rpm!", "type": "number" }""", "$.properties[0].name", "Must start with a letter")]
    [InlineData("""{ "name": "_speed", "type": "number" }""", "$.properties[0].name", "Must start with a letter")]
    [InlineData("""{ "name": "speed", "type": "number", "minimum": 10, "maximum": 9.5 }""", "$.properties[0].minimum", "greater than maximum")]
    [InlineData("""{ "name": "speed", "type": "number", "minimum": "0" }""", "$.properties[0].minimum", "Must be a number")]
    [InlineData("""{ "name": "speed", "type": "number", "maxRateOfChange": 0 }""", "$.properties[0].maxRateOfChange", "greater than 0")]
    [InlineData("""{ "name": "label", "type": "string", "maximum": 10 }""", "$.properties[0].maximum", "Only number and integer")]
    [InlineData("""{ "name": "on", "type": "boolean", "minimum": 0 }""", "$.properties[0].minimum", "Only number and integer")]
    [InlineData("""{ "name": "mode", "type": "enum" }""", "$.properties[0].values", "Is required for enum")]
    [InlineData("""{ "name": "mode", "type": "enum", "values": [] }""", "$.properties[0].values", "at least one value")]
    [InlineData("""{ "name": "mode", "type": "enum", "values": ["on", 1] }""", "$.properties[0].values[1]", "Must be a string")]
    [InlineData("""{ "name": "mode", "type": "enum", "values": ["on", "off", "on"] }""", "$.properties[0].values[2]", "more than once")]
    [InlineData("""{ "name": "mode", "type": "enum", "values": "on" }""", "$.properties[0].values", "Must be an array")]
    [InlineData("""{ "name": "label", "type": "string", "values": ["a"] }""", "$.properties[0].values", "Only enum properties")]
    [InlineData("""{ "name": "speed", "type": "number", "classification": "Proprietary" }""", "$.properties[0].classification", "is not one of")]
    [InlineData("""{ "name": "speed", "type": "number", "classification": "confidential" }""", "$.properties[0].classification", "public, community, consortium, proprietary, personal, health")]
    [InlineData("""{ "name": "speed", "type": "number", "writable": 1 }""", "$.properties[0].writable", "true or false")]
    [InlineData("""{ "name": "speed", "type": "number", "unit": "revolutions per minute, measured at the shaft" }""", "$.properties[0].unit", "at most 32")]
    [InlineData("""{ "name": "speed", "type": "number", "sync": "PT1S" }""", "$.properties[0].sync", "Must be an object")]
    [InlineData("""{ "name": "speed", "type": "number", "Writable": true }""", "$.properties[0].Writable", "Unknown member")]
    public void ParseJson_OneMistakeInAProperty_ReportsItAtItsPath(string property, string path, string fragment)
    {
        var result = ModelDocumentParser.ParseJson(ModelDocuments.WithProperties($"[{property}]"));

        ModelDocuments.AssertSingleError(result, path, fragment);
    }

    [Fact]
    public void ParseJson_NameLongerThan64_IsRefused()
    {
        var name = new string('a', 65);

        var result = ModelDocumentParser.ParseJson(ModelDocuments.WithProperties($$"""[{ "name": "{{name}}", "type": "number" }]"""));

        ModelDocuments.AssertSingleError(result, "$.properties[0].name", "at most 64");
    }

    [Fact]
    public void ParseJson_NameOf64Characters_IsAccepted()
    {
        var name = "a" + new string('B', 63);

        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties($$"""[{ "name": "{{name}}", "type": "number" }]"""));

        Assert.True(model.Properties.ContainsKey(name));
    }

    [Fact]
    public void ParseJson_SameNameInPropertiesAndTelemetry_ReportsTheTelemetryOne()
    {
        var json = """
            {
              "id": "test-model", "version": 1,
              "properties": [ { "name": "speed", "type": "number" } ],
              "telemetry": [ { "name": "speed", "type": "number" } ]
            }
            """;

        var result = ModelDocumentParser.ParseJson(json);

        ModelDocuments.AssertSingleError(result, "$.telemetry[0].name", "declared more than once");
    }

    [Fact]
    public void ParseJson_NamesDifferingOnlyInCase_AreDistinct()
    {
        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties("""
            [{ "name": "speed", "type": "number" }, { "name": "Speed", "type": "number" }]
            """));

        Assert.Equal(2, model.Properties.Count);
    }

    [Fact]
    public void ParseJson_EqualMinimumAndMaximum_IsAccepted()
    {
        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties("""
            [{ "name": "fixed", "type": "integer", "minimum": 7, "maximum": 7 }]
            """));

        Assert.Equal(7, model.Properties["fixed"].Minimum);
        Assert.Equal(7, model.Properties["fixed"].Maximum);
    }

    [Fact]
    public void ParseJson_PropertiesNotAnArray_IsRefused()
    {
        var result = ModelDocumentParser.ParseJson(ModelDocuments.WithProperties("""{ "name": "speed", "type": "number" }"""));

        ModelDocuments.AssertSingleError(result, "$.properties", "Must be an array");
    }

    [Fact]
    public void ParseJson_MoreThanMaxMembers_IsRefused()
    {
        var items = Enumerable.Range(0, ModelDocumentParser.MaxMembers + 1).Select(i => $$"""{ "name": "p{{i}}", "type": "number" }""");

        var result = ModelDocumentParser.ParseJson(ModelDocuments.WithProperties($"[{string.Join(',', items)}]"));

        ModelDocuments.AssertSingleError(result, "$.properties", "at most 500 items");
    }

    [Fact]
    public void ParseJson_TelemetryWithWritable_IsRefused()
    {
        var json = """{ "id": "test-model", "version": 1, "telemetry": [ { "name": "speed", "type": "number", "writable": true } ] }""";

        var result = ModelDocumentParser.ParseJson(json);

        ModelDocuments.AssertSingleError(result, "$.telemetry[0].writable", "Unknown member");
    }
}
