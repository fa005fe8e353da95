using Mirrorspace.Domain.Access;

namespace Mirrorspace.Server.Hosting.Keys;

/// <summary>A key to issue: what it grants, how long it lives, and who asked for it.</summary>
public sealed record ApiKeyRequest
{
    public required AccessGrant Grant { get; init; }

    /// <summary>How long the key lives; null only for keys the node's own tooling makes (the data directory's first admin key).</summary>
    public TimeSpan? Lifetime { get; init; }

    public string? Description { get; init; }

    /// <summary>The issuer as the audit log names principals; null when unknown.</summary>
    public string? IssuedBy { get; init; }

    /// <summary>A platform administrator's read-only, short-lived grant; see <see cref="Storage.Records.ApiKeyRecord.BreakGlass"/>.</summary>
    public bool BreakGlass { get; init; }
}
