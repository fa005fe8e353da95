namespace Mirrorspace.Domain.Twins;

/// <summary>
/// One change in a twin's life. The event log is the source of truth: replaying a twin's events
/// in version order rebuilds its state at any instant.
/// </summary>
public sealed record TwinEvent
{
    public required long Version { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required TwinEventKind Kind { get; init; }

    /// <summary>JSON: the merge patch, the creation document, or the relationship, depending on <see cref="Kind"/>.</summary>
    public required string Payload { get; init; }

    public required string Source { get; init; }

    /// <summary>The payload belonged to a data subject who has been erased: the change happened, its values are gone.</summary>
    public bool Erased { get; init; }
}
