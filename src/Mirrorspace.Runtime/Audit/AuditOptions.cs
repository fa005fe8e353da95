using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Runtime.Audit;

/// <summary>Settings of the audit log, bound from <c>Mirrorspace:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Mirrorspace:Audit";

    /// <summary>Store a signed checkpoint after this many new entries.</summary>
    [Range(1, 1_000_000)]
    public int CheckpointEvery { get; set; } = 1_000;

    /// <summary>…or after this long, whichever comes first (and always on shutdown).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Entries in one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatchEntries { get; set; } = 1_000;

    /// <summary>Pending records before callers are pushed back.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}
