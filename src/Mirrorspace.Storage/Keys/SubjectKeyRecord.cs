namespace Mirrorspace.Storage.Keys;

/// <summary>
/// A data subject's key, wrapped under one version of the tenant's data key; or, once erased, its
/// tombstone: the wrapped key is gone and <see cref="ErasedAt"/> says when, so "erased" stays
/// distinguishable from "never existed".
/// </summary>
public sealed record SubjectKeyRecord
{
    public required string TenantId { get; init; }

    public required string SubjectId { get; init; }

    /// <summary>The tenant key version that wraps <see cref="WrappedKey"/>; null once erased.</summary>
    public int? TenantKeyVersion { get; init; }

    public byte[]? WrappedKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ErasedAt { get; init; }

    public bool IsErased => ErasedAt is not null;
}
