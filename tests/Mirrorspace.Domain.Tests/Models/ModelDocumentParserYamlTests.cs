using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class ModelDocumentParserYamlTests
{
    [Fact]
    public void ParseYaml_PlainVersion_IsANumber()
    {
        var result = ModelDocumentParser.ParseYaml("id: pump\nversion: 1\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(1, result.Model.Version);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("'1'")]
    public void ParseYaml_QuotedVersion_StaysAString(string version)
    {
        var result = ModelDocumentParser.ParseYaml($"id: pump\nversion: {version}\n");

        ModelDocuments.AssertSingleError(result, "$.version", "Must be a number");
    }

    [Fact]
    public void ParseYaml_PlainNumbersAsEnumValues_AreRefused()
    {
        var yaml = """
            id: pump
            version: 1
            properties:
              - name: gear
                type: enum
                values: [1, 2]
            """;

        var result = ModelDocumentParser.ParseYaml(yaml);

        Assert.Equal(["$.properties[0].values[0]", "$.properties[0].values[1]"], ModelDocuments.SortedPaths(result.Errors));
    }

    [Fact]
    public void ParseYaml_QuotedNumbersAndYesNoAsEnumValues_AreStrings()
    {
        var yaml = """
            id: pump
            version: 1
            properties:
              - name: gear
                type: enum
                values: ["1", '2', yes, no, on, off]
            """;

        var result = ModelDocumentParser.ParseYaml(yaml);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(["1", "2", "yes", "no", "on", "off"], result.Model.Properties["gear"].EnumValues);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    public void ParseYaml_PlainBoolean_IsABoolean(string text, bool expected)
    {
        var result = ModelDocumentParser.ParseYaml($"id: pump\nversion: 1\nproperties:\n  - name: speed\n    type: number\n    writable: {text}\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Model.Properties["speed"].Writable);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("yes")]
    public void ParseYaml_QuotedOrYes_IsNotABoolean(string text)
    {
        var result = ModelDocumentParser.ParseYaml($"id: pump\nversion: 1\nproperties:\n  - name: speed\n    type: number\n    writable: {text}\n");

        ModelDocuments.AssertSingleError(result, "$.properties[0].writable", "true or false");
    }

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("")]
    public void ParseYaml_PlainNull_CountsAsAbsent(string text)
    {
        var result = ModelDocumentParser.ParseYaml($"id: pump\nversion: 1\ndescription: {text}\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Null(result.Model.Description);
    }

    [Theory]
    [InlineData("-20", -20)]
    [InlineData("+7", 7)]
    [InlineData("0.5", 0.5)]
    [InlineData("1e3", 1000)]
    [InlineData("-2.5E-1", -0.25)]
    public void ParseYaml_PlainNumber_IsRead(string text, double expected)
    {
        var result = ModelDocumentParser.ParseYaml($"id: pump\nversion: 1\nproperties:\n  - name: speed\n    type: number\n    minimum: {text}\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Model.Properties["speed"].Minimum);
    }

    [Fact]
    public void ParseYaml_QuotedNumericBound_IsRefused()
    {
        var result = ModelDocumentParser.ParseYaml("id: pump\nversion: 1\nproperties:\n  - name: speed\n    type: number\n    maximum: '3600'\n");

        ModelDocuments.AssertSingleError(result, "$.properties[0].maximum", "Must be a number");
    }

    [Fact]
    public void ParseYaml_DuplicateKey_ReportsOneErrorAtRoot()
    {
        var result = ModelDocumentParser.ParseYaml("id: pump\nversion: 1\nid: valve\n");

        ModelDocuments.AssertSingleError(result, "$", "Duplicate key");
    }

    [Fact]
    public void ParseYaml_DuplicateKeyInAProperty_ReportsOneErrorAtRoot()
    {
        var result = ModelDocumentParser.ParseYaml("id: pump\nversion: 1\nproperties:\n  - name: speed\n    type: number\n    type: string\n");

        ModelDocuments.AssertSingleError(result, "$", "Duplicate key");
    }

    [Fact]
    public void ParseYaml_TwoDocuments_ReportsOneErrorAtRoot()
    {
        var result = ModelDocumentParser.ParseYaml("id: pump\nversion: 1\n---\nid: valve\nversion: 1\n");

        ModelDocuments.AssertSingleError(result, "$", "exactly one YAML document, found 2");
    }

    [Fact]
    public void ParseYaml_EmptyText_ReportsOneErrorAtRoot()
    {
        var result = ModelDocumentParser.ParseYaml(string.Empty);

        ModelDocuments.AssertSingleError(result, "$", "exactly one YAML document, found 0");
    }

    [Theory]
    [InlineData("id: [pump\nversion: 1\n")]
    [InlineData("id: pump\n version: 1\n  x: y\n")]
    [InlineData("id: \"pump\nversion: 1\n")]
    [InlineData("{id: pump\n")]
    [InlineData("id: pump\n{description: x\nversion: 1\n")]
    [InlineData("id: pump\nsync:\n : expectedInterval: PT1S\n")]
    public void ParseYaml_Malformed_ReportsOneErrorAtRoot(string yaml)
    {
        var result = ModelDocumentParser.ParseYaml(yaml);

        ModelDocuments.AssertSingleError(result, "$", "Not valid YAML");
    }

    [Theory]
    [InlineData("- id: pump\n  version: 1\n")]
    [InlineData("pump\n")]
    [InlineData("~\n")]
    public void ParseYaml_RootIsNotAMapping_ReportsOneErrorAtRoot(string yaml)
    {
        var result = ModelDocumentParser.ParseYaml(yaml);

        ModelDocuments.AssertSingleError(result, "$", "must be an object");
    }

    [Fact]
    public void ParseYaml_AnchorAndAlias_AreRefused()
    {
        var result = ModelDocumentParser.ParseYaml("id: &name pump\nversion: 1\ndisplayName: *name\n");

        ModelDocuments.AssertSingleError(result, "$", "anchors and aliases are not supported");
    }

    [Fact]
    public void ParseYaml_SelfReferencingAlias_IsRefusedInsteadOfRecursingForever()
    {
        var result = ModelDocumentParser.ParseYaml("id: pump\nversion: 1\ntelemetry: &loop\n  - *loop\n");

        ModelDocuments.AssertSingleError(result, "$", "anchors and aliases are not supported");
    }

    [Fact]
    public void ParseYaml_Comments_AreIgnored()
    {
        var result = ModelDocumentParser.ParseYaml("# a pump\nid: pump # the id\nversion: 1\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void ParseYaml_ValidDocument_CanonicalJsonIsTheConvertedDocument()
    {
        var result = ModelDocumentParser.ParseYaml("id: pump\nversion: 1\nproperties:\n  - name: speed\n    type: number\n    maximum: 3600\n    maxRateOfChange: 0.5\n");

        Assert.Equal(
            """{"id":"pump","version":1,"properties":[{"name":"speed","type":"number","maximum":3600,"maxRateOfChange":0.5}]}""",
            result.CanonicalJson);
    }
}
