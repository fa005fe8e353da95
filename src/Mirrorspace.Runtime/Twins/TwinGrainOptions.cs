using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Runtime.Twins;

public sealed class TwinGrainOptions
{
    /// <summary>Write the snapshot behind the event log after this many changes; recovery replays at most this many events.</summary>
    [Range(1, 100_000)]
    public int SnapshotEvery { get; set; } = 100;
}
