namespace Mirrorspace.Runtime.Twins;

/// <summary>
/// One grain per twin: the single writer of its state. Every change is validated against the
/// twin's model, appended to its history and acknowledged only once durably committed.
/// </summary>
[Alias("Mirrorspace.Runtime.Twins.ITwinGrain")]
public interface ITwinGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<TwinResponse> GetAsync();

    [Alias("Create")]
    /// <param name="subject">The data subject whose personal and health values the twin will hold; those values are sealed with the subject's own key.</param>
    Task<TwinResponse> CreateAsync(string modelId, int? modelVersion, string? subject, string source);

    /// <summary>Applies a JSON merge patch; the twin document is returned only when <paramref name="returnTwin"/> is set, to keep the hot path lean.</summary>
    [Alias("Patch")]
    Task<TwinResponse> PatchAsync(TwinSide side, string patchJson, long? expectedVersion, string source, bool returnTwin);

    /// <summary>
    /// Runs a device's reading through the twin's checks (plausibility, statistics, consistency) and
    /// commits, in one group commit, the applied values, the held part, the signals and the device's
    /// sequence and trust. The answer comes once all of it is durable.
    /// </summary>
    [Alias("Ingest")]
    Task<ReadingResult> IngestAsync(DeviceReading reading);

    /// <summary>
    /// Runs readings through <see cref="IngestAsync"/>'s checks in order, each against the state the
    /// ones before it left, and commits what they keep in one group commit: one call and one durable
    /// commit for a gateway's or a batch file's readings instead of one per reading. Stops at the
    /// first reading that is not <c>Ok</c>, which changes nothing, so the answer has one result per
    /// reading up to and including that one and the caller knows exactly which were taken.
    /// </summary>
    [Alias("IngestBatch")]
    Task<IReadOnlyList<ReadingResult>> IngestBatchAsync(IReadOnlyList<DeviceReading> readings);

    /// <summary>The most readings <see cref="IngestBatchAsync"/> takes in one call; the twin is busy for the whole call.</summary>
    public const int MaxReadingsPerBatch = 1_000;

    /// <summary>Applies a held reading's values (a person judged them right) and marks it released, in one commit.</summary>
    [Alias("ReleaseHeld")]
    Task<TwinResponse> ReleaseHeldAsync(string quarantineId, string decidedBy);

    /// <summary>Marks a held reading discarded; the twin does not change.</summary>
    [Alias("DiscardHeld")]
    Task<TwinResponse> DiscardHeldAsync(string quarantineId, string decidedBy);

    [Alias("Delete")]
    Task<TwinResponse> DeleteAsync(long? expectedVersion, string source);

    /// <summary>Links this twin to a target the caller has already checked exists with <paramref name="targetModelId"/>.</summary>
    [Alias("AddRelationship")]
    Task<TwinResponse> AddRelationshipAsync(string name, string targetId, string targetModelId, string source);

    [Alias("RemoveRelationship")]
    Task<TwinResponse> RemoveRelationshipAsync(string name, string targetId, string source);
}
