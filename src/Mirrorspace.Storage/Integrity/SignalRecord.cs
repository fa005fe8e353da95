namespace Mirrorspace.Storage.Integrity;

/// <summary>One thing the ingestion pipeline noticed about a twin's data (a spike, a replay, a stale twin…).</summary>
public sealed record SignalRecord
{
    /// <summary>Assigned by the store, increasing: the feed's cursor.</summary>
    public long SignalId { get; init; }

    public required string TenantId { get; init; }

    public required string TwinId { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The signal's kind in kebab case, e.g. <c>spike</c>, <c>bad-signature</c>.</summary>
    public required string Kind { get; init; }

    public string? Property { get; init; }

    public string? DeviceId { get; init; }

    /// <summary>What happened to the reading: <c>flagged</c>, <c>quarantined</c>, <c>rejected</c>, or <c>none</c> for twin-level signals.</summary>
    public required string Verdict { get; init; }

    /// <summary>A sentence for people; may quote values, so it is sealed at rest.</summary>
    public required string Detail { get; init; }
}
