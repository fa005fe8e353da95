namespace Mirrorspace.Security.Audit;

/// <summary>The verdict of <see cref="AuditVerifier"/>: valid, or the first problem found and where.</summary>
public sealed record AuditVerificationResult
{
    public required AuditProblem Problem { get; init; }

    /// <summary>The first entry that cannot be trusted, when the problem is about entries.</summary>
    public long? Sequence { get; init; }

    /// <summary>The tree size of the checkpoint concerned, when the problem is about a checkpoint.</summary>
    public long? CheckpointSize { get; init; }

    /// <summary>One sentence for a person.</summary>
    public required string Detail { get; init; }

    /// <summary>Entries that verified before the verdict (all of them when valid).</summary>
    public long Entries { get; init; }

    /// <summary>Checkpoints whose signature and content were checked against the entries.</summary>
    public int CheckpointsVerified { get; init; }

    /// <summary>Entries covered by the signed head; the rest were written after it and are protected by the chain only.</summary>
    public long SignedEntries { get; init; }

    public bool IsValid => Problem == AuditProblem.None;
}
