namespace Mirrorspace.Storage.Sqlite;

/// <summary>What the background indexer has done since the store opened.</summary>
/// <param name="Batches">Moves from the event log into the per-twin history.</param>
/// <param name="RowsIndexed">Events moved.</param>
/// <param name="TimePreparing">Time spent grouping batches into chunks beside the commits.</param>
/// <param name="TimeIndexing">Time spent moving, the write lock held.</param>
/// <param name="TimeCheckpointing">Time spent copying the WAL into the database file with the write lock held.</param>
/// <param name="TimeCheckpointingConcurrently">Time spent copying the WAL into the database file beside the commits.</param>
/// <param name="Checkpoints">Rounds that checkpointed the WAL beside the commits.</param>
/// <param name="UnindexedRows">Events in the log now, waiting to be moved.</param>
/// <param name="Failures">Rounds that failed and were retried.</param>
public sealed record HistoryIndexingStats(
    long Batches,
    long RowsIndexed,
    TimeSpan TimePreparing,
    TimeSpan TimeIndexing,
    TimeSpan TimeCheckpointing,
    TimeSpan TimeCheckpointingConcurrently,
    long Checkpoints,
    int UnindexedRows,
    long Failures);
