using System.Text.Json.Nodes;
using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Runtime.Twins;

/// <summary>The stored form of a held reading: its values, why each was held, and who sent it.</summary>
internal static class HeldDocument
{
    public static string Write(string source, ReadingAssessment assessment)
    {
        var reasons = new JsonArray();
        foreach (var finding in assessment.Findings.Where(f => f.Property is not null && assessment.Held.ContainsKey(f.Property)))
        {
            reasons.Add(new JsonObject { ["property"] = finding.Property, ["signal"] = finding.Kind.Name(), ["detail"] = finding.Detail });
        }

        return new JsonObject { ["source"] = source, ["values"] = assessment.Held.DeepClone(), ["reasons"] = reasons }.ToJsonString();
    }

    public static JsonObject Values(string document) =>
        JsonNode.Parse(document)?["values"] as JsonObject ?? throw new InvalidOperationException("A held reading's document has no values.");
}
