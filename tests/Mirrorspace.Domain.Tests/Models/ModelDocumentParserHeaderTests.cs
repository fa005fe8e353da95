using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class ModelDocumentParserHeaderTests
{
    [Theory]
    [InlineData("""{ "version": 1 }""", "$.id", "Is required")]
    [InlineData("""{ "id": null, "version": 1 }""", "$.id", "Is required")]
    [InlineData("""{ "id": 7, "version": 1 }""", "$.id", "Must be a string")]
    [InlineData("""{ "id": "Pump", "version": 1 }""", "$.id", "lowercase")]
    [InlineData("""{ "id": "-pump", "version": 1 }""", "$.id", "lowercase")]
    [InlineData("""{ "id": "pump/1", "version": 1 }""", "$.id", "lowercase")]
    [InlineData("""{ "id": "", "version": 1 }""", "$.id", "lowercase")]
    [InlineData("""{ "id": "pump" }""", "$.version", "Is required")]
    [InlineData("""{ "id": "pump", "version": "1" }""", "$.version", "Must be a number")]
    [InlineData("""{ "id": "pump", "version": 1.5 }""", "$.version", "Must be an integer")]
    [InlineData("""{ "id": "pump", "version": 0 }""", "$.version", "1 or greater")]
    [InlineData("""{ "id": "pump", "version": -3 }""", "$.version", "1 or greater")]
    [InlineData("""{ "id": "pump", "version": 3000000000 }""", "$.version", "Must be an integer")]
    [InlineData("""{ "id": "pump", "version": 1, "displayName": ["Pump"] }""", "$.displayName", "Must be a string")]
    [InlineData("""{ "id": "pump", "version": 1, "Id": "pump" }""", "$.Id", "Unknown member 'Id'")]
    [InlineData("""{ "id": "pump", "version": 1, "commands": [ { "name": "go", "classification": "top-secret" } ] }""", "$.commands[0].classification", "is not one of")]
    [InlineData("""{ "id": "pump", "version": 1, "commands": [ 5 ] }""", "$.commands[0]", "Must be an object")]
    [InlineData("""{ "id": "pump", "version": 1, "relationships": [ { "name": "feeds", "target": 5 } ] }""", "$.relationships[0].target", "Must be a string")]
    [InlineData("""{ "id": "pump", "version": 1, "relationships": [ { "name": "feeds", "kind": "x" } ] }""", "$.relationships[0].kind", "Unknown member")]
    public void ParseJson_OneMistakeAtDocumentLevel_ReportsItAtItsPath(string json, string path, string fragment)
    {
        var result = ModelDocumentParser.ParseJson(json);

        ModelDocuments.AssertSingleError(result, path, fragment);
    }

    [Theory]
    [InlineData("pump")]
    [InlineData("7")]
    [InlineData("acme.pump_v2-b")]
    public void ParseJson_ValidModelId_IsAccepted(string id)
    {
        var model = ModelDocuments.ParseValidJson($$"""{ "id": "{{id}}", "version": 1 }""");

        Assert.Equal(id, model.Id);
    }

    [Fact]
    public void ParseJson_VersionWrittenAsWholeDecimal_IsAccepted()
    {
        var model = ModelDocuments.ParseValidJson("""{ "id": "pump", "version": 2.0 }""");

        Assert.Equal(2, model.Version);
    }

    [Fact]
    public void ParseJson_DisplayNameAndDescription_AreKept()
    {
        var model = ModelDocuments.ParseValidJson("""{ "id": "pump", "version": 3, "displayName": "Pump", "description": "Moves water." }""");

        Assert.Equal(3, model.Version);
        Assert.Equal("Pump", model.DisplayName);
        Assert.Equal("Moves water.", model.Description);
    }
}
