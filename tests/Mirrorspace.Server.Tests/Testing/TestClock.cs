namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// A wall clock the tests move by hand. Only <see cref="GetUtcNow"/> is controlled: timers and
/// timestamps stay on the system clock, because Orleans takes the node's <see cref="TimeProvider"/>
/// for its own timers and elapsed-time measurements, which a fully fake clock (FakeTimeProvider)
/// would freeze until a test advanced it.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _utcTicks;

    /// <summary>Starts at the current minute, so intervals of a minute or less begin at a known offset.</summary>
    public TestClock()
    {
        var now = System.GetUtcNow();
        _utcTicks = now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute);
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        Interlocked.Add(ref _utcTicks, by.Ticks);
    }

    /// <summary>Steps the wall clock backwards, as an NTP correction can.</summary>
    public void StepBack(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        Interlocked.Add(ref _utcTicks, -by.Ticks);
    }

    /// <summary>Moves forward to the next whole multiple of <paramref name="interval"/> since the Unix epoch, and returns it.</summary>
    public DateTimeOffset AdvanceToNextMultipleOf(TimeSpan interval)
    {
        var intoInterval = (GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % interval.Ticks;
        Advance(TimeSpan.FromTicks(interval.Ticks - intoInterval));
        return GetUtcNow();
    }
}
