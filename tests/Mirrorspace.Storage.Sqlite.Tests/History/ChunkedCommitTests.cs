using Mirrorspace.Storage.Sqlite.History;
using Mirrorspace.Storage.Writes;
using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>
/// A commit that holds a run of one twin's new events writes them straight into chunks, skipping
/// the log, and only where that keeps what the indexer keeps: versions unique, the twin's chunks
/// apart, and every log row of the twin above its chunks.
/// </summary>
public sealed class ChunkedCommitTests : HistoryStoreTests
{
    private const int Run = EventLogAppender.ChunkRun;

    [Fact]
    public async Task CommitAsync_RunOfNewEvents_GoesIntoOneChunkPerBucketAndNotTheLog()
    {
        // Versions 100-299 span buckets 0, 1 and 2; pump-2's few events go to the log as before.
        await Store.CommitAsync([.. Appends(TenantA, "pump-1", 100, 299), .. Appends(TenantA, "pump-2", 1, 3)], Ct);

        Assert.Equal((3L, 200L), await CountRowsAsync(Database));
        Assert.Equal(3L, await Database.ScalarAsync("SELECT count(*) FROM twin_event_chunks WHERE twin_id = 'pump-1';"));
        Assert.Equal(0L, await Database.ScalarAsync($"SELECT count(*) FROM twin_event_chunks WHERE last_version / {HistoryChunk.Versions} <> first_version / {HistoryChunk.Versions};"));
        Assert.Equal([.. Enumerable.Range(100, 200).Select(v => Event(v))], await ReadAsync(Store, TenantA, "pump-1"));
        await AssertVersionsAsync([127L, 128, 129], Store, TenantA, "pump-1", new() { AfterVersion = 126, Limit = 3 });
        await AssertVersionsAsync([1L, 2, 3], Store, TenantA, "pump-2");
    }

    [Fact]
    public async Task CommitAsync_RunRepeatingAChunkedVersion_FailsAndStoresNothingOfTheCommit()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, Run), Ct);

        // The repeat overlaps the chunk by one version; the commit's other twin must not be stored either.
        var repeat = Appends(TenantA, "pump-1", Run, (2 * Run) - 1);
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([Append(TenantB, "pump-1", 1), .. repeat], Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([Append(TenantA, "pump-1", 5, """{"x":1}""")], Ct));

        Assert.Equal([.. Enumerable.Range(1, Run).Select(v => Event(v))], await ReadAsync(Store, TenantA, "pump-1"));
        Assert.Empty(await ReadAsync(Store, TenantB, "pump-1"));
        Assert.Equal((0L, (long)Run), await CountRowsAsync(Database));
    }

    [Fact]
    public async Task CommitAsync_AfterAChunkedRun_KnowsTheTwinsHighestVersion()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, Run), Ct);

        // A repeat of the run's last version is caught by the highest version kept in memory alone.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync([Append(TenantA, "pump-1", Run, """{"x":1}""")], Ct));
        await Store.CommitAsync([Append(TenantA, "pump-1", Run + 1)], Ct);

        await AssertVersionsAsync([.. Enumerable.Range(1, Run + 1).Select(v => (long)v)], Store, TenantA, "pump-1");
    }

    [Fact]
    public async Task CommitAsync_RunForATwinWithRowsInTheLog_GoesToTheLogBehindThem()
    {
        await Store.CommitAsync([Append(TenantA, "pump-1", 1)], Ct);

        await Store.CommitAsync(Appends(TenantA, "pump-1", 2, Run + 1), Ct);

        Assert.Equal(((long)Run + 1, 0L), await CountRowsAsync(Database));
        await Store.IndexHistoryAsync(Ct);
        Assert.Equal(0L, await Database.ScalarAsync("SELECT count(*) FROM twin_event_conflicts;"));
        Assert.Equal([.. Enumerable.Range(1, Run + 1).Select(v => Event(v))], await ReadAsync(Store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task CommitAsync_RunAfterTheTwinsLogRowsInTheSameCommit_GoesToTheLogBehindThem()
    {
        await Store.CommitAsync([Append(TenantA, "pump-1", 1), Append(TenantA, "pump-2", 1), .. Appends(TenantA, "pump-1", 2, Run + 1)], Ct);

        Assert.Equal(((long)Run + 2, 0L), await CountRowsAsync(Database));
        await AssertVersionsAsync([.. Enumerable.Range(1, Run + 1).Select(v => (long)v)], Store, TenantA, "pump-1");
    }

    [Fact]
    public async Task CommitAsync_RunBelowTheTwinsHighestVersion_TakesTheExactCheck()
    {
        await Store.CommitAsync([Append(TenantA, "pump-1", 1000)], Ct);
        await Store.IndexHistoryAsync(Ct);

        // Versions below the highest may be gaps filled in: they go to the log, each checked.
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, Run), Ct);

        Assert.Equal(((long)Run, 1L), await CountRowsAsync(Database));
        await AssertVersionsAsync([.. Enumerable.Range(1, Run).Select(v => (long)v), 1000L], Store, TenantA, "pump-1");
    }

    [Fact]
    public async Task CommitAsync_ShortOrUnorderedRun_GoesToTheLog()
    {
        await Store.CommitAsync(Appends(TenantA, "pump-1", 1, Run - 1), Ct);
        await Store.CommitAsync([.. Enumerable.Reverse(Appends(TenantA, "pump-2", 1, Run))], Ct);

        Assert.Equal(((2L * Run) - 1, 0L), await CountRowsAsync(Database));
        await AssertVersionsAsync([.. Enumerable.Range(1, Run).Select(v => (long)v)], Store, TenantA, "pump-2");
    }

    [Fact]
    public async Task CommitAsync_RunsAsLongAsABatch_WakeTheIndexerToCheckpoint()
    {
        await using var store = await OpenAsync(
            new SqliteTwinSpaceStore(new SqliteStoreOptions
            {
                DatabasePath = Database.FilePath + ".wake",
                HistoryIndexBatchRows = 2 * Run,
                HistoryIndexDelay = Timeout.InfiniteTimeSpan,
            }));

        // Nothing reaches the log, yet the WAL grows: the indexer must still come round and checkpoint it.
        await store.CommitAsync(Appends(TenantA, "pump-1", 1, Run), Ct);
        await store.CommitAsync(Appends(TenantA, "pump-2", 1, Run), Ct);

        for (var i = 0; i < 3_000 && store.HistoryIndexing.Checkpoints == 0; i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(1, store.HistoryIndexing.Checkpoints);
        Assert.Equal(0, store.HistoryIndexing.Batches);
    }
}
