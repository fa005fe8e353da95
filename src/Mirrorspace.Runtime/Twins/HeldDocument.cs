using System.Text.Json.Nodes;
using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Runtime.Twins;

/// <summary>
/// The stored form of a held reading: its values, why each was held, and who sent it. The grain
/// writes it; the grain and the API read it, so its shape is spelled here only.
/// </summary>
public static class HeldDocument
{
    internal static string Write(string source, ReadingAssessment assessment)
    {
        var reasons = new JsonArray();
        foreach (var finding in assessment.Findings.Where(f => f.Property is not null && assessment.Held.ContainsKey(f.Property)))
        {
            reasons.Add(new JsonObject { ["property"] = finding.Property, ["signal"] = finding.Kind.Name(), ["detail"] = finding.Detail });
        }

        return new JsonObject { ["source"] = source, ["values"] = assessment.Held.DeepClone(), ["reasons"] = reasons }.ToJsonString();
    }

    public static HeldReading Read(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = JsonNode.Parse(document) as JsonObject ?? throw new InvalidOperationException("A held reading's document is not a JSON object.");
        var values = root["values"] as JsonObject ?? throw new InvalidOperationException("A held reading's document has no values.");
        var reasons = (root["reasons"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(r => new HeldReason(Text(r, "property"), Text(r, "signal"), Text(r, "detail")))
            .ToList();
        return new HeldReading(root["source"]?.GetValue<string>() ?? string.Empty, values, reasons);
    }

    internal static JsonObject Values(string document) => Read(document).Values;

    private static string Text(JsonObject reason, string name) => reason[name]?.GetValue<string>() ?? string.Empty;
}

/// <summary>A held reading's document, read: the source that sent it, the held merge patch, and one reason per held finding.</summary>
public sealed record HeldReading(string Source, JsonObject Values, IReadOnlyList<HeldReason> Reasons);

/// <summary>Why one value was held: the property, the signal's kind (e.g. <c>out-of-bounds</c>) and a sentence for people.</summary>
public sealed record HeldReason(string Property, string Signal, string Detail);
