namespace Mirrorspace.Domain.Integrity;

/// <summary>Everything the ingestion pipeline reports about a twin's data. The alert engine consumes these.</summary>
public enum SignalKind
{
    BadSignature,
    Replay,
    OutOfWindow,
    OutOfBounds,
    RateOfChange,
    Flood,
    Stale,
    Spike,
    Drift,
    Stuck,
    Inconsistent,
}

public static class SignalKinds
{
    /// <summary>The name in the API and the store, e.g. <c>bad-signature</c>.</summary>
    public static string Name(this SignalKind kind) => kind switch
    {
        SignalKind.BadSignature => "bad-signature",
        SignalKind.Replay => "replay",
        SignalKind.OutOfWindow => "out-of-window",
        SignalKind.OutOfBounds => "out-of-bounds",
        SignalKind.RateOfChange => "rate-of-change",
        SignalKind.Flood => "flood",
        SignalKind.Stale => "stale",
        SignalKind.Spike => "spike",
        SignalKind.Drift => "drift",
        SignalKind.Stuck => "stuck",
        SignalKind.Inconsistent => "inconsistent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown signal kind."),
    };
}
