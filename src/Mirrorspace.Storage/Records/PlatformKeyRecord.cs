namespace Mirrorspace.Storage.Records;

/// <summary>
/// The platform administrator's key as stored, apart from every tenant's keys: it names no tenant,
/// so no tenant's data is in its reach. Only the secret's hash is kept.
/// </summary>
public sealed record PlatformKeyRecord
{
    public required string KeyId { get; init; }

    public required byte[] SecretHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a newer platform key replaced this one; a revoked key authenticates nothing.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
