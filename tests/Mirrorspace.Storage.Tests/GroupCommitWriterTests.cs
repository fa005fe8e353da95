using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Tests;

public sealed class GroupCommitWriterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_CommitHeld_CompletesOnlyAfterCommit()
    {
        var store = new RecordingStore();
        store.Hold();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions());

        var write = sut.WriteAsync(Event(1), TestContext.Current.CancellationToken);
        await store.FirstCommitStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.False(write.IsCompleted, "A write must not be acknowledged before its group commits.");
        store.Release();
        await write.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Single(store.Commits);
    }

    [Fact]
    public async Task WriteAsync_ProducerContinuationBlocks_NextGroupStillCommits()
    {
        var store = new RecordingStore();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions());
        using var release = new ManualResetEventSlim();
        var blocking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A producer whose code runs synchronously on its acknowledgement and then hangs: were it run on
        // the commit loop, no later write could commit until it returned.
        var first = sut.WriteAsync(Event(1), TestContext.Current.CancellationToken);
        var hung = first.ContinueWith(
            _ =>
            {
                blocking.TrySetResult();
                release.Wait(Patience);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        await blocking.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var second = sut.WriteAsync(Event(2), TestContext.Current.CancellationToken);
        var committed = await Task.WhenAny(second, Task.Delay(Patience / 2, TestContext.Current.CancellationToken));
        release.Set();
        await hung;

        Assert.Same(second, committed);
        Assert.Equal(2, store.Commits.Count);
    }

    [Fact]
    public async Task WriteAsync_ManyWritersDuringCommit_CommitsThemAsOneGroup()
    {
        var store = new RecordingStore();
        store.Hold();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions());
        var first = sut.WriteAsync(Event(1), TestContext.Current.CancellationToken);
        await store.FirstCommitStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var rest = Enumerable.Range(2, 100).Select(v => sut.WriteAsync(Event(v), TestContext.Current.CancellationToken)).ToArray();
        store.Release();
        await Task.WhenAll([first, .. rest]).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(2, store.Commits.Count);
        Assert.Equal(100, store.Commits[1].Count);
    }

    [Fact]
    public async Task WriteAsync_GroupLargerThanMaxBatchRows_SplitsIntoBoundedCommits()
    {
        var store = new RecordingStore();
        store.Hold();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions { MaxBatchRows = 10 });
        var first = sut.WriteAsync(Event(1), TestContext.Current.CancellationToken);
        await store.FirstCommitStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var rest = Enumerable.Range(2, 35).Select(v => sut.WriteAsync(Event(v), TestContext.Current.CancellationToken)).ToArray();
        store.Release();
        await Task.WhenAll([first, .. rest]).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.All(store.Commits, commit => Assert.InRange(commit.Count, 1, 10));
        Assert.Equal(36, store.Commits.Sum(c => c.Count));
    }

    [Fact]
    public async Task WriteAsync_WritesFromOneProducer_CommittedInOrder()
    {
        var store = new RecordingStore();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions { MaxBatchRows = 7 });

        var writes = Enumerable.Range(1, 50).Select(v => sut.WriteAsync(Event(v), TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(writes).WaitAsync(Patience, TestContext.Current.CancellationToken);

        var versions = store.Commits.SelectMany(c => c).Cast<AppendEvent>().Select(a => a.Event.Version).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(v => (long)v), versions);
    }

    [Fact]
    public async Task WriteAsync_PoisonedWriteInGroup_FailsOnlyItsOwnWriter()
    {
        var store = new RecordingStore { IsPoison = w => w is AppendEvent { Event.Version: 13 } };
        store.Hold();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions());
        var first = sut.WriteAsync(Event(1), TestContext.Current.CancellationToken);
        await store.FirstCommitStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var rest = Enumerable.Range(2, 20).ToDictionary(v => v, v => sut.WriteAsync(Event(v), TestContext.Current.CancellationToken));
        store.Release();

        await Assert.ThrowsAsync<InvalidOperationException>(() => rest[13].WaitAsync(Patience, TestContext.Current.CancellationToken));
        await Task.WhenAll(rest.Where(p => p.Key != 13).Select(p => p.Value).Append(first)).WaitAsync(Patience, TestContext.Current.CancellationToken);
        var committed = store.Commits.SelectMany(c => c).Cast<AppendEvent>().Select(a => a.Event.Version).ToHashSet();
        Assert.DoesNotContain(13L, committed);
        Assert.Equal(20, committed.Count);
    }

    [Fact]
    public async Task DisposeAsync_WritesStillQueued_CommitsThemBeforeStopping()
    {
        var store = new RecordingStore();
        store.Hold();
        var sut = new GroupCommitWriter(store, new GroupCommitOptions());
        var writes = Enumerable.Range(1, 10).Select(v => sut.WriteAsync(Event(v), TestContext.Current.CancellationToken)).ToArray();
        await store.FirstCommitStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var disposing = sut.DisposeAsync().AsTask();
        store.Release();
        await disposing.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(10, store.Commits.Sum(c => c.Count));
        await Task.WhenAll(writes).WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteAsync_TokenAlreadyCancelled_IsRefusedAndNeverCommitted()
    {
        var store = new RecordingStore();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.WriteAsync(Event(1), cancelled.Token));
        await sut.WriteAsync(Event(2), TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal([2L], store.Commits.SelectMany(c => c).Cast<AppendEvent>().Select(a => a.Event.Version));
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileWaiting_StopsWaitingButIsStillCommitted()
    {
        var store = new RecordingStore();
        store.Hold();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions());
        using var wait = new CancellationTokenSource();

        var write = sut.WriteAsync(Event(1), wait.Token);
        await store.FirstCommitStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await wait.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        store.Release();
        await sut.WriteAsync(Event(2), CancellationToken.None).WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal([1L, 2L], store.Commits.SelectMany(c => c).Cast<AppendEvent>().Select(a => a.Event.Version));
    }

    [Fact]
    public async Task WriteAsync_QueueFull_PushesBackUntilThereIsRoomAndCommitsEverything()
    {
        var store = new RecordingStore();
        store.Hold();
        await using var sut = new GroupCommitWriter(store, new GroupCommitOptions { QueueCapacity = 2 });
        var first = sut.WriteAsync(Event(1), CancellationToken.None);
        await store.FirstCommitStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var rest = Enumerable.Range(2, 10).Select(v => sut.WriteAsync(Event(v), CancellationToken.None)).ToArray();
        Assert.All(rest, write => Assert.False(write.IsCompleted));
        store.Release();
        await Task.WhenAll([first, .. rest]).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 11).Select(v => (long)v), store.Commits.SelectMany(c => c).Cast<AppendEvent>().Select(a => a.Event.Version));
    }

    private static AppendEvent Event(long version) => new("tenant-a", "twin-1", new TwinEvent
    {
        Version = version,
        Timestamp = Start.AddSeconds(version),
        Kind = TwinEventKind.ReportedPatched,
        Payload = "{}",
        Source = "test",
    });
}
