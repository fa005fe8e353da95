namespace Mirrorspace.Domain.Models;

public sealed record CommandDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public DataClassification Classification { get; init; } = DataClassification.Proprietary;
}
