using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Storage;

public sealed class GroupCommitOptions
{
    /// <summary>Rows in one transaction; larger groups amortize the durable commit.</summary>
    [Range(1, 100_000)]
    public int MaxBatchRows { get; set; } = 2_000;

    /// <summary>Pending write requests before producers are pushed back.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;
}
