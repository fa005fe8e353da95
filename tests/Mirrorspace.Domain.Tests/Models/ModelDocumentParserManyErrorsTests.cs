using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class ModelDocumentParserManyErrorsTests
{
    private const string DocumentWithManyMistakes = """
        {
          "id": "Centrifugal Pump",
          "version": 0,
          "displayName": 42,
          "colour": "blue",
          "sync": { "expectedInterval": "PT-1S", "staleAfter": "1 second", "maxMessagesPerSecond": 0 },
          "properties": [
            { "name": "temperature", "type": "number", "minimum": 10, "maximum": 5 },
            { "name": "vibration", "type": "number", "maximun": 50, "maximum": "fifty" },
            { "name": "temperature", "type": "number" },
            { "name": "mode", "type": "enum" },
            { "name": "serialNumber", "type": "string", "minimum": 1, "maxRateOfChange": 2 },
            { "name": "bearingWear", "type": "percentage", "classification": "secret" },
            { "name": "9lives", "type": "number", "writable": "yes" },
            "speed"
          ],
          "telemetry": [ { "name": "power", "type": "number", "writable": true, "maxRateOfChange": -1 } ],
          "commands": [ { "name": "restart" }, { "name": "restart", "timeout": 5 } ],
          "relationships": [ { "name": "feeds", "target": "Reservoir Sensor" }, { "description": "no name" } ]
        }
        """;

    [Fact]
    public void ParseJson_DocumentWithManyMistakes_ReportsEveryOneWithItsPath()
    {
        var result = ModelDocumentParser.ParseJson(DocumentWithManyMistakes);

        Assert.False(result.IsValid);
        Assert.Null(result.Model);
        Assert.Null(result.CanonicalJson);
        string[] expected =
        [
            "$.colour",
            "$.commands[1].name",
            "$.commands[1].timeout",
            "$.displayName",
            "$.id",
            "$.properties[0].minimum",
            "$.properties[1].maximum",
            "$.properties[1].maximun",
            "$.properties[2].name",
            "$.properties[3].values",
            "$.properties[4].maxRateOfChange",
            "$.properties[4].minimum",
            "$.properties[5].classification",
            "$.properties[5].type",
            "$.properties[6].name",
            "$.properties[6].writable",
            "$.properties[7]",
            "$.relationships[0].target",
            "$.relationships[1].name",
            "$.sync.expectedInterval",
            "$.sync.maxMessagesPerSecond",
            "$.sync.staleAfter",
            "$.telemetry[0].maxRateOfChange",
            "$.telemetry[0].writable",
            "$.version",
        ];
        Assert.Equal(expected, ModelDocuments.SortedPaths(result.Errors));
    }

    [Theory]
    [InlineData("$.colour", "Unknown member 'colour'")]
    [InlineData("$.id", "lowercase")]
    [InlineData("$.version", "1 or greater")]
    [InlineData("$.displayName", "Must be a string")]
    [InlineData("$.sync.expectedInterval", "'PT-1S' is not an ISO 8601 duration")]
    [InlineData("$.sync.staleAfter", "'1 second' is not an ISO 8601 duration")]
    [InlineData("$.sync.maxMessagesPerSecond", "greater than 0")]
    [InlineData("$.properties[0].minimum", "greater than maximum")]
    [InlineData("$.properties[1].maximun", "Unknown member 'maximun'")]
    [InlineData("$.properties[1].maximum", "Must be a number")]
    [InlineData("$.properties[2].name", "'temperature' is declared more than once")]
    [InlineData("$.properties[3].values", "Is required for enum properties")]
    [InlineData("$.properties[4].minimum", "Only number and integer properties take 'minimum'")]
    [InlineData("$.properties[4].maxRateOfChange", "Only number and integer properties take 'maxRateOfChange'")]
    [InlineData("$.properties[5].type", "'percentage' is not one of")]
    [InlineData("$.properties[5].classification", "'secret' is not one of")]
    [InlineData("$.properties[6].name", "Must start with a letter")]
    [InlineData("$.properties[6].writable", "Must be true or false")]
    [InlineData("$.properties[7]", "Must be an object")]
    [InlineData("$.telemetry[0].writable", "Unknown member 'writable'")]
    [InlineData("$.telemetry[0].maxRateOfChange", "Must be greater than 0")]
    [InlineData("$.commands[1].timeout", "Unknown member 'timeout'")]
    [InlineData("$.commands[1].name", "'restart' is declared more than once")]
    [InlineData("$.relationships[0].target", "Must be a model id")]
    [InlineData("$.relationships[1].name", "Is required")]
    public void ParseJson_DocumentWithManyMistakes_ExplainsEachMistake(string path, string fragment)
    {
        var result = ModelDocumentParser.ParseJson(DocumentWithManyMistakes);

        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseYaml_SameMistakesInYaml_ReportsTheSamePaths()
    {
        var yaml = """
            id: Centrifugal Pump
            version: 0
            colour: blue
            properties:
              - name: temperature
                type: number
                minimum: 10
                maximum: 5
              - name: vibration
                type: number
                maximun: 50
                maximum: fifty
              - name: temperature
                type: number
            """;

        var result = ModelDocumentParser.ParseYaml(yaml);

        Assert.Equal(
            ["$.colour", "$.id", "$.properties[0].minimum", "$.properties[1].maximum", "$.properties[1].maximun", "$.properties[2].name", "$.version"],
            ModelDocuments.SortedPaths(result.Errors));
    }
}
