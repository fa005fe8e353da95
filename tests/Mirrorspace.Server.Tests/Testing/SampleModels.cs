namespace Mirrorspace.Server.Tests.Testing;

/// <summary>The shared sample model documents under samples/models, copied next to the test assembly.</summary>
public static class SampleModels
{
    public const string CentrifugalPump = "centrifugal-pump";
    public const string PumpStation = "pump-station";
    public const string ReservoirLevelSensor = "reservoir-level-sensor";
    public const string PatientMonitor = "patient-monitor";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "samples", "models");

    public static IEnumerable<string> AllFileNames() =>
        Directory.EnumerateFiles(Folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string ReadText(string fileName) => File.ReadAllText(Path.Combine(Folder, fileName));

    /// <summary>The model id of a sample file: its name without the extension.</summary>
    public static string IdOf(string fileName) => Path.GetFileNameWithoutExtension(fileName);

    public static string MediaTypeOf(string fileName) =>
        fileName.EndsWith(".yaml", StringComparison.Ordinal) ? "application/yaml" : "application/json";
}
