using System.Diagnostics;
using System.Diagnostics.Metrics;
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
    /// <summary>The meter of the node's durable writes, for <c>dotnet-counters</c> or an OpenTelemetry exporter.</summary>
    public const string MeterName = "Mirrorspace.Storage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<int> CommitRows = Meter.CreateHistogram<int>(
        "mirrorspace.storage.commit.rows", "{row}", "Rows in one group commit.");

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "mirrorspace.storage.commit.duration", "ms", "Time of one group commit, fsync included.");

    private static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(
        "mirrorspace.storage.commit.wait", "ms", "Time the commit loop waited for the next write.");

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
        var rows = new List<TwinWrite>();
        var idleSince = Stopwatch.GetTimestamp();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var started = Stopwatch.GetTimestamp();
            QueueWait.Record(Stopwatch.GetElapsedTime(idleSince, started).TotalMilliseconds);
            var group = new List<PendingWrite>();
            while (rows.Count < _maxBatchRows && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                rows.AddRange(pending.Writes);
            }

            await CommitAsync(group, rows).ConfigureAwait(false);
            idleSince = Stopwatch.GetTimestamp();
            CommitRows.Record(rows.Count);
            CommitDuration.Record(Stopwatch.GetElapsedTime(started, idleSince).TotalMilliseconds);
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
            Acknowledge(group[0], ex);
            return;
        }

        Acknowledge(group);
    }

    private async Task CommitAloneAsync(PendingWrite pending)
    {
        try
        {
            await _store.CommitAsync(pending.Writes, CancellationToken.None).ConfigureAwait(false);
            Acknowledge([pending]);
        }
        catch (Exception ex)
        {
            Acknowledge(pending, ex);
        }
    }

    /// <summary>
    /// Completes a committed group in one thread-pool work item, off the commit loop. A grain's
    /// continuation only queues itself on its activation from there, and any other producer's runs in
    /// that work item; completing each write asynchronously instead cost one more thread hop per write
    /// (two per acknowledgement for a grain), the largest part of the writer's cost per update.
    /// </summary>
    private static void Acknowledge(List<PendingWrite> group) =>
        ThreadPool.UnsafeQueueUserWorkItem(
            static committed =>
            {
                foreach (var pending in committed)
                {
                    pending.TrySetResult();
                }
            },
            group,
            preferLocal: false);

    private static void Acknowledge(PendingWrite pending, Exception failure) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Pending.TrySetException(state.Failure), (Pending: pending, Failure: failure), preferLocal: false);

    /// <summary>
    /// A queued request and its acknowledgement in one object. It is only ever completed by
    /// <see cref="Acknowledge(List{PendingWrite})"/>, never on the commit loop, so a producer's code never runs there.
    /// </summary>
    private sealed class PendingWrite(IReadOnlyList<TwinWrite> writes) : TaskCompletionSource
    {
        public IReadOnlyList<TwinWrite> Writes { get; } = writes;
    }
}
