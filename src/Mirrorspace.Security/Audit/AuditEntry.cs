namespace Mirrorspace.Security.Audit;

/// <summary>
/// One line of the audit log: who did what to which resource, when, from where, and how it ended.
/// Never holds a sensitive value: reads of personal or health data name the properties and the
/// purpose, not what was read. <see cref="ToCanonicalBytes"/> is what the chain and the Merkle tree
/// commit to.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>Position in the log, from 1, without gaps.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The tenant the action concerns; null for node-level events (e.g. an unknown API key).</summary>
    public string? TenantId { get; init; }

    /// <summary>Who acted: an API key id, a device, or <c>system</c>.</summary>
    public required string Principal { get; init; }

    /// <summary>A dotted verb such as <c>auth.reject</c> or <c>twin.update</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What was acted on, such as a request path or <c>twins/pump-1</c>; never a value.</summary>
    public string? Resource { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public string? Reason { get; init; }

    public string? RemoteAddress { get; init; }

    /// <summary>For reads of personal or health data: the property names read (never their values).</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>For reads of personal or health data: the declared purpose of the read.</summary>
    public string? Purpose { get; init; }

    /// <summary>The stable, unambiguous byte form: see <see cref="AuditEntryEncoding"/>.</summary>
    public byte[] ToCanonicalBytes() => AuditEntryEncoding.Encode(this);
}
