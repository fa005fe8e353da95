namespace Mirrorspace.Domain.Models;

/// <summary>A validated, immutable model version. Build one with <see cref="ModelDocumentParser"/>.</summary>
public sealed record TwinModel
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public required SyncContract Sync { get; init; }

    /// <summary>Properties and telemetry, keyed by name (ordinal).</summary>
    public required IReadOnlyDictionary<string, PropertyDefinition> Properties { get; init; }

    public required IReadOnlyDictionary<string, CommandDefinition> Commands { get; init; }

    public required IReadOnlyDictionary<string, RelationshipDefinition> Relationships { get; init; }

    /// <summary>Cross-property consistency rules, checked on every reading that touches one of their properties.</summary>
    public IReadOnlyList<BehaviourRule> Behaviours { get; init; } = [];
}
