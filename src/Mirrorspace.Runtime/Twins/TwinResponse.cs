namespace Mirrorspace.Runtime.Twins;

/// <summary>What a twin grain answers: an outcome, the twin as a snapshot document, or the errors.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TwinResponse
{
    [Id(0)]
    public required TwinOutcome Outcome { get; init; }

    /// <summary>Serialized <c>TwinSnapshotDocument</c> of the twin after the operation.</summary>
    [Id(1)]
    public string? Snapshot { get; init; }

    [Id(2)]
    public IReadOnlyList<StateError> Errors { get; init; } = [];

    [Id(3)]
    public string? Detail { get; init; }

    /// <summary>The twin's version after the operation (0 when it does not exist).</summary>
    [Id(4)]
    public long Version { get; init; }

    public static TwinResponse Of(TwinOutcome outcome, string? detail = null) => new() { Outcome = outcome, Detail = detail };
}
