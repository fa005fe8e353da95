namespace Mirrorspace.Storage.Records;

/// <summary>One version of a model document, stored as canonical JSON.</summary>
public sealed record StoredModel
{
    public required string TenantId { get; init; }

    public required string ModelId { get; init; }

    public required int Version { get; init; }

    public required string Document { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
