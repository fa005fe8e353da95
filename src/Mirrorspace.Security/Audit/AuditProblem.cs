namespace Mirrorspace.Security.Audit;

/// <summary>What verification found wrong first.</summary>
public enum AuditProblem
{
    None = 0,

    /// <summary>An entry's content (or its stored hash) no longer matches the chain.</summary>
    Changed,

    /// <summary>An entry that was never logged sits among the logged ones.</summary>
    Inserted,

    /// <summary>An entry is missing (a gap, or the later entries were renumbered to hide one).</summary>
    Deleted,

    /// <summary>The logged entries are all there but not in their logged order.</summary>
    Reordered,

    /// <summary>The log ends before the size a signed checkpoint or the signed head vouches for.</summary>
    Truncated,

    /// <summary>A checkpoint or the signed head is not signed by the node's key (forged, altered or signed by another key).</summary>
    BadCheckpointSignature,

    /// <summary>A validly signed checkpoint disagrees with the entries: they were rewritten along with their hashes.</summary>
    CheckpointMismatch,

    /// <summary>The log has entries but the signed head that vouches for its size is gone.</summary>
    MissingHead,
}
