using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Domain.Twins;

/// <summary>
/// A twin's state as the fold of its events. <see cref="Apply"/> is the only way state changes,
/// so live updates, crash recovery and time travel all go through the same code.
/// </summary>
public sealed class TwinState
{
    public bool Exists { get; private set; }

    public string ModelId { get; private set; } = string.Empty;

    public int ModelVersion { get; private set; }

    /// <summary>The data subject whose personal and health values this twin holds; their values are sealed with the subject's key.</summary>
    public string? Subject { get; private set; }

    /// <summary>Increases on every change, across deletes and re-creation, so history keys never repeat.</summary>
    public long Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public JsonObject Reported { get; private set; } = [];

    public JsonObject Desired { get; private set; } = [];

    public Dictionary<string, PropertyMetadata> ReportedMetadata { get; private set; } = new(StringComparer.Ordinal);

    public Dictionary<string, PropertyMetadata> DesiredMetadata { get; private set; } = new(StringComparer.Ordinal);

    public void Apply(TwinEvent change) => Apply(change, parsedPatch: null);

    /// <summary>
    /// As <see cref="Apply(TwinEvent)"/>, for the writer of a patch event that holds its payload
    /// parsed already: <paramref name="parsedPatch"/> must be what the payload reads as, and is only
    /// read (its values are cloned into the state), so the payload is not parsed a second time.
    /// </summary>
    public void Apply(TwinEvent change, JsonObject? parsedPatch)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Version <= Version)
        {
            throw new InvalidOperationException($"Event version {change.Version} does not follow state version {Version}.");
        }

        switch (change.Kind)
        {
            case TwinEventKind.Created:
                var creation = JsonSerializer.Deserialize(change.Payload, DomainJsonContext.Default.TwinCreation)
                    ?? throw new InvalidOperationException("Empty creation payload.");
                Reset();
                Exists = true;
                ModelId = creation.ModelId;
                ModelVersion = creation.ModelVersion;
                Subject = creation.Subject;
                CreatedAt = change.Timestamp;
                break;
            case TwinEventKind.ReportedPatched or TwinEventKind.ReportedSuspect or TwinEventKind.DesiredPatched when change.Erased:
                // The subject was erased: the change happened, but its values are gone for good.
                break;
            case TwinEventKind.ReportedPatched:
                ApplyPatch(Reported, ReportedMetadata, change, parsedPatch, PropertyQuality.Good);
                break;
            case TwinEventKind.ReportedSuspect:
                ApplyPatch(Reported, ReportedMetadata, change, parsedPatch, PropertyQuality.Suspect);
                break;
            case TwinEventKind.DesiredPatched:
                ApplyPatch(Desired, DesiredMetadata, change, parsedPatch, PropertyQuality.Good);
                break;
            case TwinEventKind.Deleted:
                Reset();
                break;
            case TwinEventKind.RelationshipAdded or TwinEventKind.RelationshipRemoved:
                // Relationships live in their own table; the event records the change in the twin's history.
                break;
            default:
                throw new InvalidOperationException($"Unknown event kind {change.Kind}.");
        }

        Version = change.Version;
        UpdatedAt = change.Timestamp;
    }

    /// <summary>Desired values the device has not reported yet (or reports differently).</summary>
    public JsonObject Delta()
    {
        var delta = new JsonObject();
        foreach (var (name, desired) in Desired)
        {
            if (!JsonNode.DeepEquals(desired, Reported[name]))
            {
                delta[name] = desired?.DeepClone();
            }
        }

        return delta;
    }

    public TwinSnapshotDocument ToSnapshot() => new()
    {
        Exists = Exists,
        ModelId = ModelId,
        ModelVersion = ModelVersion,
        Subject = Subject,
        Version = Version,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Reported = (JsonObject)Reported.DeepClone(),
        Desired = (JsonObject)Desired.DeepClone(),
        ReportedMetadata = new Dictionary<string, PropertyMetadata>(ReportedMetadata, StringComparer.Ordinal),
        DesiredMetadata = new Dictionary<string, PropertyMetadata>(DesiredMetadata, StringComparer.Ordinal),
    };

    public static TwinState FromSnapshot(TwinSnapshotDocument snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new TwinState
        {
            Exists = snapshot.Exists,
            ModelId = snapshot.ModelId,
            ModelVersion = snapshot.ModelVersion,
            Subject = snapshot.Subject,
            Version = snapshot.Version,
            CreatedAt = snapshot.CreatedAt,
            UpdatedAt = snapshot.UpdatedAt,
            Reported = (JsonObject)snapshot.Reported.DeepClone(),
            Desired = (JsonObject)snapshot.Desired.DeepClone(),
            ReportedMetadata = new Dictionary<string, PropertyMetadata>(snapshot.ReportedMetadata, StringComparer.Ordinal),
            DesiredMetadata = new Dictionary<string, PropertyMetadata>(snapshot.DesiredMetadata, StringComparer.Ordinal),
        };
    }

    private static void ApplyPatch(JsonObject target, Dictionary<string, PropertyMetadata> metadata, TwinEvent change, JsonObject? parsedPatch, PropertyQuality quality)
    {
        var patch = parsedPatch ?? JsonNode.Parse(change.Payload) as JsonObject
            ?? throw new InvalidOperationException("A patch event must carry a JSON object.");
        MergePatch.Apply(target, patch);
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                metadata.Remove(name);
            }
            else
            {
                metadata[name] = new PropertyMetadata { LastUpdated = change.Timestamp, Source = change.Source, Version = change.Version, Quality = quality };
            }
        }
    }

    private void Reset()
    {
        Exists = false;
        ModelId = string.Empty;
        ModelVersion = 0;
        Subject = null;
        Reported = [];
        Desired = [];
        ReportedMetadata = new(StringComparer.Ordinal);
        DesiredMetadata = new(StringComparer.Ordinal);
    }
}
