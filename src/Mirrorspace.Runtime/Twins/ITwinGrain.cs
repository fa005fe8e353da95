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

    [Alias("Delete")]
    Task<TwinResponse> DeleteAsync(long? expectedVersion, string source);

    /// <summary>Links this twin to a target the caller has already checked exists with <paramref name="targetModelId"/>.</summary>
    [Alias("AddRelationship")]
    Task<TwinResponse> AddRelationshipAsync(string name, string targetId, string targetModelId, string source);

    [Alias("RemoveRelationship")]
    Task<TwinResponse> RemoveRelationshipAsync(string name, string targetId, string source);
}
