namespace Mirrorspace.Security.Freshness;

public enum FreshnessVerdict
{
    Fresh,

    /// <summary>The sequence number is not after the last accepted one: a replay or a reordering.</summary>
    Replayed,

    /// <summary>The message's timestamp is further from the node's clock than the allowed skew.</summary>
    OutOfWindow,
}
