using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// Keeps the indexed history (<c>twin_event_chunks</c>) caught up with the event log, on a thread
/// of its own so that commits never wait for it except for the write lock: once the tail holds a batch of rows, or when a
/// shorter tail has waited <see cref="SqliteStoreOptions.HistoryIndexDelay"/>, it groups the oldest
/// batch into chunks beside the commits, stores them under the write lock (<see cref="EventLogIndexing"/>),
/// and then checkpoints the WAL, which the commit connection no longer does on its own, mostly beside
/// the commits.
/// </summary>
/// <remarks>
/// Large batches are the point: a move writes one chunk per twin (per bucket of versions), so a
/// batch holding many rows per twin is cheap per row, while commits append each twin's rows one
/// at a time. The
/// price is that a commit arriving during a move waits for it (the write lock), and that a
/// checkpoint copies what the move wrote. A failed round (say, the file busy beyond the timeout)
/// leaves the log as it was; the next round tries again.
/// </remarks>
internal sealed class HistoryIndexer : IAsyncDisposable
{
    /// <summary>64 MiB of 4 KiB pages, the journal size limit the writer sets.</summary>
    private const long WalRestartFrames = 16_384;

    private readonly SqliteDatabase _database;
    private readonly HistoryTail _tail;
    private readonly int _batchRows;
    private readonly TimeSpan _delay;
    private readonly AutoResetEvent _wake = new(initialState: false);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    // The indexer's own connection, for its work beside the commits: grouping a batch, checkpointing.
    private SqliteConnection? _beside;
    private volatile bool _stopping;
    private volatile bool _written;
    private int _disposed;
    private long _batches;
    private long _rows;
    private long _preparingTicks;
    private long _indexingTicks;
    private long _checkpointTicks;
    private long _concurrentCheckpointTicks;
    private long _checkpoints;
    private long _failures;

    public HistoryIndexer(SqliteDatabase database, HistoryTail tail, int batchRows, TimeSpan delay)
    {
        _database = database;
        _tail = tail;
        _batchRows = batchRows;
        _delay = delay;
    }

    public HistoryIndexingStats Stats => new(
        Interlocked.Read(ref _batches),
        Interlocked.Read(ref _rows),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _preparingTicks)),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _indexingTicks)),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _checkpointTicks)),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _concurrentCheckpointTicks)),
        Interlocked.Read(ref _checkpoints),
        _tail.Rows,
        Interlocked.Read(ref _failures));

    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "Mirrorspace history indexer" };
        _thread.Start();
    }

    /// <summary>Called after each write: a full batch wakes the indexer now, anything else at the next round.</summary>
    public void Written()
    {
        _written = true;
        if (BatchWaiting)
        {
            _wake.Set();
        }
    }

    /// <summary>Moves the whole tail now and checkpoints, in one turn of the write lock; for shutdown and maintenance.</summary>
    public Task IndexAllAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync(
            writer =>
            {
                var started = Stopwatch.GetTimestamp();
                while (IndexOldest(writer) is not null)
                {
                }

                var moved = Stopwatch.GetTimestamp();
                EventLogIndexing.Checkpoint(writer.Connection);
                Interlocked.Add(ref _indexingTicks, moved - started);
                Interlocked.Add(ref _checkpointTicks, Stopwatch.GetTimestamp() - moved);
                return true;
            },
            cancellationToken);

    /// <summary>Stops the thread after its current round. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_thread is not null)
        {
            _stopping = true;
            _wake.Set();
            await _stopped.Task.ConfigureAwait(false);
        }

        _beside?.Dispose();
        _wake.Dispose();
    }

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                if (!BatchWaiting)
                {
                    _wake.WaitOne(_delay);
                }

                if (!_stopping)
                {
                    RunRound();
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// A batch of rows in the log, or as many events written since the last round, log or not: runs
    /// a commit wrote straight into chunks fill the WAL all the same, and the round checkpoints it.
    /// </summary>
    private bool BatchWaiting => _tail.Rows + _tail.ChunkedSinceRound >= _batchRows;

    private void RunRound()
    {
        try
        {
            _tail.TakeChunkedSinceRound();
            if (_tail.Rows > 0)
            {
                var started = Stopwatch.GetTimestamp();
                _beside ??= _database.OpenIndexerConnection();
                var prepared = EventLogIndexing.Prepare(_beside, _batchRows);
                var grouped = Stopwatch.GetTimestamp();
                Interlocked.Add(ref _preparingTicks, grouped - started);
                _database.Write(writer => prepared is null ? IndexOldest(writer) : IndexPrepared(writer, prepared));
                Interlocked.Add(ref _indexingTicks, Stopwatch.GetTimestamp() - grouped);
            }

            if (_written)
            {
                _written = false;
                Checkpoint();
            }
        }
        catch (Exception) when (_stopping)
        {
            // The store is closing; the log keeps whatever was not moved.
        }
        catch (Exception)
        {
            // The log is as it was (each move is one transaction): count it and try again next round.
            // Nothing may escape: an exception leaving this thread would end the process.
            Interlocked.Increment(ref _failures);
            _wake.WaitOne(_delay);
        }
    }

    /// <summary>
    /// Beside the commits, on a connection of its own, copies the WAL into the file. That alone
    /// never lets the WAL start over while commits keep coming (each checkpoint ends behind the
    /// latest commit), so once the WAL has grown past <see cref="WalRestartFrames"/> the frames
    /// committed meanwhile are copied too, under the write lock: the next commit then starts the
    /// WAL from its beginning and the journal size limit trims the file.
    /// </summary>
    private void Checkpoint()
    {
        var started = Stopwatch.GetTimestamp();
        _beside ??= _database.OpenIndexerConnection();
        var frames = EventLogIndexing.Checkpoint(_beside);
        var copied = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _concurrentCheckpointTicks, copied - started);
        Interlocked.Increment(ref _checkpoints);
        if (frames > WalRestartFrames)
        {
            _database.Write(writer => EventLogIndexing.Checkpoint(writer.Connection));
            Interlocked.Add(ref _checkpointTicks, Stopwatch.GetTimestamp() - copied);
        }
    }

    /// <summary>One batch under the write lock; null once the log is empty.</summary>
    private IndexedBatch? IndexOldest(SqliteWriter writer) => Indexed(EventLogIndexing.MoveOldest(writer.Connection, _batchRows));

    /// <summary>A batch grouped beside the commits, stored under the write lock (or moved afresh if the log changed meanwhile).</summary>
    private IndexedBatch? IndexPrepared(SqliteWriter writer, PreparedMove prepared) =>
        Indexed(EventLogIndexing.MovePrepared(writer.Connection, prepared, _batchRows));

    private IndexedBatch? Indexed(IndexedBatch? batch)
    {
        // An empty log with rows still listed means someone else moved or erased them: forget them all.
        var dropped = _tail.Indexed(batch?.UpToSeq ?? long.MaxValue);
        if (batch is not null)
        {
            // Rows before batches: whoever sees a batch counted sees its rows and its tail gone too.
            Interlocked.Add(ref _rows, dropped);
            Interlocked.Increment(ref _batches);
        }

        return batch;
    }
}
