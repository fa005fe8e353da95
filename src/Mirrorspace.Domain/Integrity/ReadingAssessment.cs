using System.Text.Json.Nodes;

namespace Mirrorspace.Domain.Integrity;

/// <summary>
/// A reading after the twin's checks: its values split by verdict, and what each check found. The
/// reading's own verdict is its worst value's: one held value makes the reading quarantined, though
/// its other values are applied.
/// </summary>
public sealed class ReadingAssessment
{
    /// <summary>Values applied as good; the reading's patch itself when every value is (read it, never change it).</summary>
    public JsonObject Accepted { get; private set; } = [];

    /// <summary>Values applied with their quality marked suspect.</summary>
    public JsonObject Suspect { get; } = [];

    /// <summary>Values kept aside, not applied.</summary>
    public JsonObject Held { get; } = [];

    public List<Finding> Findings { get; } = [];

    public Dictionary<string, Verdict> Properties { get; } = new(StringComparer.Ordinal);

    public Verdict Verdict => Properties.Count == 0 ? Verdict.Accepted : Properties.Values.Max();

    internal void AcceptAll(JsonObject patch) => Accepted = patch;
}
