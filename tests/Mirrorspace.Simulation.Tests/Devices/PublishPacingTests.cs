using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Simulation.Devices;

namespace Mirrorspace.Simulation.Tests.Devices;

public sealed class PublishPacingTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task RunAsync_IntervalNotWholeMilliseconds_OffersTheRateAskedFor()
    {
        var time = new FakeTimeProvider();
        var published = 0;
        using var stop = new CancellationTokenSource();
        var run = PublishPacing.RunAsync(_ => { published++; return Task.FromResult(true); }, 173.3, time, stop.Token);
        for (var ms = 0; ms < 10_000; ms++)
        {
            time.Advance(Millisecond);
        }

        await stop.CancelAsync();
        await run;

        // 10 s at 173.3/s, give or take the first publish's place within its interval.
        Assert.InRange(published, 1_732, 1_734);
    }

    [Fact]
    public async Task RunAsync_PublishOverrunsItsSlots_ResumesWithoutABurst()
    {
        var time = new FakeTimeProvider();
        var started = new List<TimeSpan>();
        var slow = new TaskCompletionSource<bool>();
        var origin = time.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var run = PublishPacing.RunAsync(
            _ =>
            {
                started.Add(time.GetElapsedTime(origin));
                return started.Count == 3 ? slow.Task : Task.FromResult(true);
            },
            100,
            time,
            stop.Token);

        while (started.Count < 3)
        {
            time.Advance(Millisecond);
        }

        time.Advance(TimeSpan.FromMilliseconds(100));
        slow.SetResult(true);
        for (var ms = 0; ms < 50; ms++)
        {
            time.Advance(Millisecond);
        }

        await stop.CancelAsync();
        await run;

        // Ten slots passed during the slow publish: one publish follows at once, then the rate resumes.
        Assert.Equal(started.Count, started.Distinct().Count());
        Assert.InRange(started.Count, 8, 9);
    }

    [Fact]
    public async Task RunAsync_DeviceCannotGoOn_StopsPublishing()
    {
        var calls = 0;
        await PublishPacing.RunAsync(_ => Task.FromResult(++calls < 3), 0, new FakeTimeProvider(), CancellationToken.None);
        Assert.Equal(3, calls);
    }
}
