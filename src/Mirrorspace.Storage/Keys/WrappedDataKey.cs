namespace Mirrorspace.Storage.Keys;

/// <summary>One version of a tenant's data key, wrapped under the master key.</summary>
public sealed record WrappedDataKey
{
    public required string TenantId { get; init; }

    public required int Version { get; init; }

    public required byte[] WrappedKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
