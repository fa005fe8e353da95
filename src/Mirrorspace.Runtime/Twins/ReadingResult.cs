namespace Mirrorspace.Runtime.Twins;

/// <summary>
/// What became of a reading: its verdict, each value's, what the checks found, and where its held
/// part went. <see cref="Outcome"/> is <c>Invalid</c> (with <see cref="Errors"/>) when the reading
/// was malformed and rejected as a whole, <c>NotFound</c> when the twin does not exist.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ReadingResult
{
    [Id(0)]
    public required TwinOutcome Outcome { get; init; }

    /// <summary><c>accepted</c>, <c>flagged</c>, <c>quarantined</c> or <c>rejected</c> (see <c>Verdict</c> in the domain; names cross the grain boundary).</summary>
    [Id(1)]
    public string Verdict { get; init; } = "accepted";

    /// <summary>Values that were not simply accepted, with their verdict's name.</summary>
    [Id(2)]
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    [Id(3)]
    public IReadOnlyList<ReadingFinding> Findings { get; init; } = [];

    [Id(4)]
    public IReadOnlyList<StateError> Errors { get; init; } = [];

    /// <summary>The held part's id in the quarantine, when a part was held.</summary>
    [Id(5)]
    public string? QuarantineId { get; init; }

    [Id(6)]
    public long Version { get; init; }

    /// <summary>Why the reading was rejected before it reached the twin (bad signature, replay…).</summary>
    [Id(7)]
    public string? Detail { get; init; }

    /// <summary>The twin's stale-after from its model's sync contract, for the watch on its readings.</summary>
    [Id(8)]
    public TimeSpan StaleAfter { get; init; }

    /// <summary>The twin's contract rate, to meter the device's next HTTPS readings.</summary>
    [Id(9)]
    public double MaxMessagesPerSecond { get; init; }
}
