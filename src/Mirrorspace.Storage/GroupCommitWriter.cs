using System.Threading.Channels;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage;

/// <summary>
/// The single writer of a store. Producers hand over their writes and await durability; one loop
/// drains whatever has queued up and commits it as one transaction. While a commit runs, the next
/// group forms, so under load groups grow and each durable commit carries many writes, while a
/// lone write waits for no timer.
/// </summary>
/// <remarks>
/// The loop has a thread of its own and waits for each commit there. A store such as SQLite does
/// its commit synchronously inside <see cref="ITwinSpaceStore.CommitAsync"/> (CPU work, then an
/// fsync); on a thread-pool thread that would hold one of the few threads the grains run on (two on
/// a 2-core machine) for the length of every commit.
/// </remarks>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly ITwinSpaceStore _store;
    private readonly int _maxBatchRows;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task _loop;

    public GroupCommitWriter(ITwinSpaceStore store, GroupCommitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _maxBatchRows = options.MaxBatchRows;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Completes when the writes are durably committed; throws if their group failed.</summary>
    /// <remarks>
    /// While the queue has room (the usual case) the caller gets the write's own completion task:
    /// no async frame of this method sits between the commit and the caller's continuation, so an
    /// acknowledgement costs one scheduled continuation rather than two.
    /// </remarks>
    public Task WriteAsync(IReadOnlyList<TwinWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var pending = new PendingWrite(writes);
        if (!_queue.Writer.TryWrite(pending))
        {
            return WriteWhenQueuedAsync(pending, cancellationToken);
        }

        // Once queued the write will be committed; cancellation only stops the wait for it.
        return cancellationToken.CanBeCanceled ? pending.Task.WaitAsync(cancellationToken) : pending.Task;
    }

    public Task WriteAsync(TwinWrite write, CancellationToken cancellationToken) => WriteAsync([write], cancellationToken);

    /// <summary>Commits everything already queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>The queue is full (producers are pushed back) or closed (the write fails as it always did).</summary>
    private async Task WriteWhenQueuedAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Run()
    {
        var group = new List<PendingWrite>();
        var rows = new List<TwinWrite>();
        while (WaitForWrites())
        {
            while (rows.Count < _maxBatchRows && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                rows.AddRange(pending.Writes);
            }

            Commit(group, rows);
            group.Clear();
            rows.Clear();
        }
    }

    /// <summary>Blocks the loop's own thread until something is queued; false once the queue is closed and empty.</summary>
    private bool WaitForWrites()
    {
        var ready = _queue.Reader.WaitToReadAsync();
        return ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    private void Commit(List<PendingWrite> group, List<TwinWrite> rows)
    {
        try
        {
            _store.CommitAsync(rows, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception) when (group.Count > 1)
        {
            // One bad write must not fail its neighbours: retry each on its own so only the culprit sees the error.
            foreach (var pending in group)
            {
                CommitAlone(pending);
            }

            return;
        }
        catch (Exception ex)
        {
            group[0].TrySetException(ex);
            return;
        }

        foreach (var pending in group)
        {
            pending.TrySetResult();
        }
    }

    private void CommitAlone(PendingWrite pending)
    {
        try
        {
            _store.CommitAsync(pending.Writes, CancellationToken.None).GetAwaiter().GetResult();
            pending.TrySetResult();
        }
        catch (Exception ex)
        {
            pending.TrySetException(ex);
        }
    }

    /// <summary>
    /// A queued request and its acknowledgement in one object. Continuations run asynchronously, so
    /// completing a group never runs a producer's code on the commit loop.
    /// </summary>
    private sealed class PendingWrite(IReadOnlyList<TwinWrite> writes) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public IReadOnlyList<TwinWrite> Writes { get; } = writes;
    }
}
