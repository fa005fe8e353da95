namespace Mirrorspace.Storage.Records;

public sealed record RelationshipRecord
{
    public required string TenantId { get; init; }

    public required string SourceId { get; init; }

    public required string Name { get; init; }

    public required string TargetId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
