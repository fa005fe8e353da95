using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests;

/// <summary>The shared sample model documents under samples/models, copied next to the test assembly.</summary>
public static class SampleModels
{
    public const string CentrifugalPump = "centrifugal-pump.json";
    public const string PumpStation = "pump-station.json";
    public const string ReservoirLevelSensor = "reservoir-level-sensor.yaml";
    public const string PatientMonitor = "patient-monitor.json";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "samples", "models");

    public static IEnumerable<string> AllFileNames() =>
        System.IO.Directory.EnumerateFiles(Folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string ReadText(string fileName) => File.ReadAllText(Path.Combine(Folder, fileName));

    public static ModelParseResult Parse(string fileName)
    {
        var text = ReadText(fileName);
        return IsYaml(fileName) ? ModelDocumentParser.ParseYaml(text) : ModelDocumentParser.ParseJson(text);
    }

    public static TwinModel Load(string fileName)
    {
        var result = Parse(fileName);
        Assert.True(result.IsValid, $"{fileName}: {string.Join("; ", result.Errors)}");
        return result.Model;
    }

    public static bool IsYaml(string fileName) =>
        fileName.EndsWith(".yaml", StringComparison.Ordinal) || fileName.EndsWith(".yml", StringComparison.Ordinal);
}
