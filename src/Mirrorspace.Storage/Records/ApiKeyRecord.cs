namespace Mirrorspace.Storage.Records;

/// <summary>An API key as stored: never the secret itself, only its hash.</summary>
public sealed record ApiKeyRecord
{
    /// <summary>Public, random identifier embedded in the key text; used to look the key up.</summary>
    public required string KeyId { get; init; }

    public required string TenantId { get; init; }

    /// <summary><c>admin</c>, <c>operator</c>, <c>analyst</c>, <c>viewer</c> or <c>auditor</c>.</summary>
    public required string Role { get; init; }

    public required byte[] SecretHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public string? Description { get; init; }

    /// <summary>The most sensitive data class the key may read (a <c>DataClassification</c> name).</summary>
    public string Clearance { get; init; } = "proprietary";

    /// <summary>A purpose of use the key declares on every request; null when each request declares its own.</summary>
    public string? Purpose { get; init; }

    /// <summary>Resource selectors the key is confined to (<c>model:ID</c>, <c>twin:ID</c>); empty for the whole tenant.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>When an admin revoked the key; a revoked key authenticates nothing.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Who issued the key, as the audit log names principals (<c>apikey:ID</c>, <c>platform:ID</c>, <c>cli:USER</c>); null for keys older than this field.</summary>
    public string? IssuedBy { get; init; }

    /// <summary>
    /// A platform administrator's break-glass grant: read-only and short-lived, its principal is
    /// <c>breakglass:ID</c> and every request with it is audited in the tenant's log.
    /// </summary>
    public bool BreakGlass { get; init; }
}
