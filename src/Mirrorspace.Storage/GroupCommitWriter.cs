using System.Threading.Channels;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage;

/// <summary>
/// The single writer of a store. Producers hand over their writes and await durability; one loop
/// drains whatever has queued up and commits it as one transaction. While a commit runs, the next
/// group forms, so under load groups grow and each durable commit carries many writes, while a
/// lone write waits for no timer.
/// </summary>
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
        _loop = RunAsync();
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

    private async Task RunAsync()
    {
        await Task.Yield();
        var group = new List<PendingWrite>();
        var rows = new List<TwinWrite>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (rows.Count < _maxBatchRows && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                rows.AddRange(pending.Writes);
            }

            await CommitAsync(group, rows).ConfigureAwait(false);
            group.Clear();
            rows.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> group, List<TwinWrite> rows)
    {
        try
        {
            await _store.CommitAsync(rows, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception) when (group.Count > 1)
        {
            // One bad write must not fail its neighbours: retry each on its own so only the culprit sees the error.
            foreach (var pending in group)
            {
                await CommitAloneAsync(pending).ConfigureAwait(false);
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

    private async Task CommitAloneAsync(PendingWrite pending)
    {
        try
        {
            await _store.CommitAsync(pending.Writes, CancellationToken.None).ConfigureAwait(false);
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
