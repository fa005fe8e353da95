using Mirrorspace.Domain.Models;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>The sample centrifugal pump model (samples/models/centrifugal-pump.json), embedded in this assembly.</summary>
internal static class PumpModel
{
    public const string Id = "centrifugal-pump";

    public static (TwinModel Model, string CanonicalJson) Parse()
    {
        using var stream = typeof(PumpModel).Assembly.GetManifestResourceStream("centrifugal-pump.json")
            ?? throw new InvalidOperationException("The embedded pump model is missing.");
        using var reader = new StreamReader(stream);
        var parsed = ModelDocumentParser.ParseJson(reader.ReadToEnd());
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException($"The pump model does not parse: {string.Join("; ", parsed.Errors)}");
        }

        return (parsed.Model, parsed.CanonicalJson);
    }
}
