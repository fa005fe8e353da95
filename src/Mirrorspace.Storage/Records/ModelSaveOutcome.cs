namespace Mirrorspace.Storage.Records;

public enum ModelSaveOutcome
{
    Created,

    /// <summary>The same version with the same document is already stored (an idempotent retry).</summary>
    Unchanged,

    /// <summary>The version exists with a different document: published versions are immutable.</summary>
    VersionConflict,
}
