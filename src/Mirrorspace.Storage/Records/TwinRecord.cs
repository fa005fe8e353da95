namespace Mirrorspace.Storage.Records;

/// <summary>
/// A twin's registry row and latest snapshot. The snapshot is written behind the event log,
/// so <see cref="Version"/> may trail the newest event; replay the events after it to catch up.
/// </summary>
public sealed record TwinRecord
{
    public required string TenantId { get; init; }

    public required string TwinId { get; init; }

    public required string ModelId { get; init; }

    public required int ModelVersion { get; init; }

    public required long Version { get; init; }

    public required bool Deleted { get; init; }

    /// <summary>Serialized <c>TwinSnapshotDocument</c>.</summary>
    public required string Snapshot { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The snapshot was sealed for a data subject who has been erased; rebuild the twin from its history.</summary>
    public bool SnapshotErased { get; init; }
}
