using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class ModelDocumentParserJsonInputTests
{
    [Theory]
    [InlineData("[]")]
    [InlineData("""[{ "id": "pump", "version": 1 }]""")]
    [InlineData("42")]
    [InlineData("\"pump\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void ParseJson_RootIsNotAnObject_ReportsOneErrorAtRoot(string json)
    {
        var result = ModelDocumentParser.ParseJson(json);

        ModelDocuments.AssertSingleError(result, "$", "must be an object");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{ "id": }""")]
    [InlineData("""{ 'id': 'pump', 'version': 1 }""")]
    [InlineData("""{ "id": "pump", "version": 1, }""")]
    [InlineData("""{ "id": "pump" /* comment */, "version": 1 }""")]
    [InlineData("""{ "id": "pump", "version": 1 } { }""")]
    public void ParseJson_InvalidJson_ReportsOneErrorAtRoot(string json)
    {
        var result = ModelDocumentParser.ParseJson(json);

        ModelDocuments.AssertSingleError(result, "$", "Not valid JSON");
    }

    [Fact]
    public void ParseJson_DuplicateMember_ReportsOneErrorAtRoot()
    {
        var result = ModelDocumentParser.ParseJson("""{ "id": "pump", "id": "valve", "version": 1 }""");

        ModelDocuments.AssertSingleError(result, "$", "Duplicate property 'id'");
    }

    [Fact]
    public void ParseJson_DuplicateMemberInAProperty_ReportsOneErrorAtRoot()
    {
        var result = ModelDocumentParser.ParseJson(ModelDocuments.WithProperties("""
            [{ "name": "speed", "type": "number", "maximum": 10, "maximum": 20 }]
            """));

        ModelDocuments.AssertSingleError(result, "$", "Duplicate property 'maximum'");
    }

    [Fact]
    public void ParseJson_NestedDeeperThan32_ReportsOneErrorAtRoot()
    {
        var json = $$"""{ "id": "pump", "version": 1, "description": {{new string('[', 40)}}{{new string(']', 40)}} }""";

        var result = ModelDocumentParser.ParseJson(json);

        ModelDocuments.AssertSingleError(result, "$", "depth");
    }

    [Fact]
    public void Parse_NullNode_ReportsOneErrorAtRoot()
    {
        var result = ModelDocumentParser.Parse(null);

        ModelDocuments.AssertSingleError(result, "$", "must be an object");
    }

    [Fact]
    public void ParseJson_ValidDocument_ReturnsCompactCanonicalJson()
    {
        var json = """
            {
              "id": "pump",
              "version": 1,
              "properties": [ { "name": "speed", "type": "number", "maximum": 3600 } ]
            }
            """;

        var result = ModelDocumentParser.ParseJson(json);

        Assert.True(result.IsValid);
        Assert.DoesNotContain("\n", result.CanonicalJson, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(result.CanonicalJson)));
    }

    [Fact]
    public void ParseJson_CanonicalJson_ParsesToAnEquivalentModel()
    {
        var first = SampleModels.Parse(SampleModels.CentrifugalPump);

        var second = ModelDocumentParser.ParseJson(first.CanonicalJson!);

        Assert.True(second.IsValid);
        Assert.Equal(first.CanonicalJson, second.CanonicalJson);
        Assert.Equivalent(first.Model, second.Model, strict: true);
    }
}
