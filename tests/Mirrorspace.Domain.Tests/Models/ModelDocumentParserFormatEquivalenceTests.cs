using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class ModelDocumentParserFormatEquivalenceTests
{
    private const string ReservoirLevelSensorAsJson = """
        {
          "id": "reservoir-level-sensor",
          "version": 1,
          "displayName": "Reservoir level sensor",
          "description": "Ultrasonic water level sensor in a reservoir.",
          "sync": { "expectedInterval": "PT10S", "staleAfter": "PT1M" },
          "properties": [
            {
              "name": "level", "type": "number", "unit": "m", "description": "Water level above the reservoir floor.",
              "minimum": 0, "maximum": 30, "maxRateOfChange": 0.5
            },
            { "name": "batteryLevel", "type": "number", "unit": "%", "minimum": 0, "maximum": 100 }
          ]
        }
        """;

    [Fact]
    public void ParseYamlAndParseJson_SameModel_GiveEqualModels()
    {
        var fromYaml = SampleModels.Parse(SampleModels.ReservoirLevelSensor);
        var fromJson = ModelDocumentParser.ParseJson(ReservoirLevelSensorAsJson);

        Assert.True(fromYaml.IsValid, string.Join("; ", fromYaml.Errors));
        Assert.True(fromJson.IsValid, string.Join("; ", fromJson.Errors));
        Assert.Equivalent(fromJson.Model, fromYaml.Model, strict: true);
        Assert.Equal(fromJson.Model.Properties["level"], fromYaml.Model.Properties["level"]);
    }

    [Fact]
    public void ParseYamlAndParseJson_SameModel_GiveEquivalentCanonicalJson()
    {
        var fromYaml = SampleModels.Parse(SampleModels.ReservoirLevelSensor);
        var fromJson = ModelDocumentParser.ParseJson(ReservoirLevelSensorAsJson);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(fromJson.CanonicalJson!), JsonNode.Parse(fromYaml.CanonicalJson!)));
    }

    [Fact]
    public void ParseYaml_JsonText_IsAlsoValidYaml()
    {
        var fromJson = SampleModels.Parse(SampleModels.CentrifugalPump);

        var fromYaml = ModelDocumentParser.ParseYaml(SampleModels.ReadText(SampleModels.CentrifugalPump));

        Assert.True(fromYaml.IsValid, string.Join("; ", fromYaml.Errors));
        Assert.Equivalent(fromJson.Model, fromYaml.Model, strict: true);
    }
}
