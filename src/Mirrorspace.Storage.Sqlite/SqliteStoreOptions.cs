namespace Mirrorspace.Storage.Sqlite;

public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created with owner-only permissions on Unix when missing.</summary>
    public required string DatabasePath { get; set; }

    /// <summary>
    /// Events the background indexer moves from the arrival-ordered event log into the per-twin
    /// history in one transaction; a tail this long is moved at once. Larger batches cost less per
    /// event (more events per chunk of a twin's history) but hold the write lock longer, which delays
    /// the commits that arrive meanwhile (about 0.4–1 s per 100,000 events on a 2-core VM). Shorter
    /// batches with few twins were measured: each pause is shorter but they come as much more often,
    /// so the same share of readings waits (docs/benchmarks.md).
    /// </summary>
    public int HistoryIndexBatchRows { get; set; } = 100_000;

    /// <summary>
    /// How long a tail shorter than a batch may wait before it is moved anyway (and the WAL
    /// checkpointed). Long on purpose: a small batch costs nearly as much per twin as a large one,
    /// and events are readable at once either way. <see cref="Timeout.InfiniteTimeSpan"/> leaves
    /// the tail to full batches, shutdown and <c>IndexHistoryAsync</c>.
    /// </summary>
    public TimeSpan HistoryIndexDelay { get; set; } = TimeSpan.FromSeconds(30);
}
