using Mirrorspace.Domain.Models;

namespace Mirrorspace.Simulation.Tests;

/// <summary>The sample models under samples/models, and small models written for one test.</summary>
internal static class Models
{
    public static TwinModel Pump { get; } = Sample("centrifugal-pump.json");

    public static TwinModel Reservoir { get; } = Sample("reservoir-level-sensor.yaml");

    public static TwinModel Sample(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "models", fileName));
        return Valid(fileName.EndsWith(".yaml", StringComparison.Ordinal) ? ModelDocumentParser.ParseYaml(text) : ModelDocumentParser.ParseJson(text));
    }

    /// <summary>A model with the given property declarations (JSON objects, comma separated).</summary>
    public static TwinModel WithProperties(string properties) =>
        Valid(ModelDocumentParser.ParseJson($$"""{"id":"test-device","version":1,"properties":[{{properties}}]}"""));

    private static TwinModel Valid(ModelParseResult result)
    {
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Model;
    }
}
