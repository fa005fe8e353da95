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
    public async Task WriteAsync(IReadOnlyList<TwinWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var pending = new PendingWrite(writes);
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);

        // Once queued the write will be committed; cancellation only stops the wait for it.
        await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task WriteAsync(TwinWrite write, CancellationToken cancellationToken) => WriteAsync([write], cancellationToken);

    /// <summary>Commits everything already queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
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
            group[0].Completion.TrySetException(ex);
            return;
        }

        foreach (var pending in group)
        {
            pending.Completion.TrySetResult();
        }
    }

    private async Task CommitAloneAsync(PendingWrite pending)
    {
        try
        {
            await _store.CommitAsync(pending.Writes, CancellationToken.None).ConfigureAwait(false);
            pending.Completion.TrySetResult();
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }
    }

    private sealed class PendingWrite(IReadOnlyList<TwinWrite> writes)
    {
        public IReadOnlyList<TwinWrite> Writes { get; } = writes;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
