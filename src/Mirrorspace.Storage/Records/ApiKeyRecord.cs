namespace Mirrorspace.Storage.Records;

/// <summary>An API key as stored: never the secret itself, only its hash.</summary>
public sealed record ApiKeyRecord
{
    /// <summary>Public, random identifier embedded in the key text; used to look the key up.</summary>
    public required string KeyId { get; init; }

    public required string TenantId { get; init; }

    /// <summary><c>admin</c>, <c>operator</c> or <c>viewer</c>.</summary>
    public required string Role { get; init; }

    public required byte[] SecretHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public string? Description { get; init; }
}
