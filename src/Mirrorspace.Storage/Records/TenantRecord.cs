namespace Mirrorspace.Storage.Records;

public sealed record TenantRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
