namespace Mirrorspace.Domain.Models;

public sealed record RelationshipDefinition
{
    public required string Name { get; init; }

    /// <summary>The model a target twin must be built from; null accepts any model of the tenant.</summary>
    public string? TargetModel { get; init; }

    public string? Description { get; init; }
}
