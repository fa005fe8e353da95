using Mirrorspace.Security.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>
/// What a caller asks <see cref="AuditLog"/> to record; the log adds the sequence number and the
/// time. Never put a sensitive value here: name properties, do not copy them.
/// </summary>
public sealed record AuditRecord
{
    public string? TenantId { get; init; }

    public required string Principal { get; init; }

    /// <summary>A dotted verb; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    public string? Resource { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public string? Reason { get; init; }

    public string? RemoteAddress { get; init; }

    /// <summary>For reads of personal or health data: which properties (names only).</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>For reads of personal or health data: the declared purpose.</summary>
    public string? Purpose { get; init; }
}
