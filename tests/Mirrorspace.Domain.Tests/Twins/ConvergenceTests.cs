using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class ConvergenceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TwinState _state = new();
    private long _version;

    public ConvergenceTests() => _state.Apply(TwinEvents.Created(++_version, _time.GetUtcNow()));

    [Fact]
    public void Of_NothingDesired_IsConverged()
    {
        Report("""{"speed":1200}""");

        var convergence = Convergence.Of(_state);

        Assert.Equal(ConvergenceStatus.Converged, convergence.Status);
        Assert.Null(convergence.PendingSince);
        Assert.Empty(convergence.Properties);
    }

    [Fact]
    public void Of_DesiredNotReportedSince_IsPendingSinceItWasSet()
    {
        Report("""{"speed":1200}""");
        var setAt = Desire("""{"speed":1500}""");

        var convergence = Convergence.Of(_state);

        Assert.Equal(ConvergenceStatus.Pending, convergence.Status);
        Assert.Equal(setAt, convergence.PendingSince);
        Assert.Equal(["speed"], convergence.Properties);
    }

    [Fact]
    public void Of_DeviceReportedTheDesiredValue_IsConverged()
    {
        Desire("""{"speed":1500}""");

        Report("""{"speed":1500}""");

        Assert.Equal(ConvergenceStatus.Converged, Convergence.Of(_state).Status);
    }

    [Fact]
    public void Of_DeviceReportedAnotherValueAfterTheRequest_IsDiverged()
    {
        Report("""{"speed":1200}""");
        Desire("""{"speed":1500}""");

        Report("""{"speed":1300}""");

        Assert.Equal(ConvergenceStatus.Diverged, Convergence.Of(_state).Status);
    }

    [Fact]
    public void Of_OtherPropertyReportedAfterTheRequest_StaysPending()
    {
        Report("""{"speed":1200}""");
        Desire("""{"speed":1500}""");

        Report("""{"vibration":2.5}""");

        Assert.Equal(ConvergenceStatus.Pending, Convergence.Of(_state).Status);
    }

    [Fact]
    public void Of_SeveralOpenValues_IsPendingSinceTheOldest()
    {
        var first = Desire("""{"speed":1500}""");
        Desire("""{"mode":"auto"}""");

        var convergence = Convergence.Of(_state);

        Assert.Equal(first, convergence.PendingSince);
        Assert.Equal(["mode", "speed"], convergence.Properties);
    }

    private void Report(string patch)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        _state.Apply(TwinEvents.Reported(++_version, _time.GetUtcNow(), patch));
    }

    private DateTimeOffset Desire(string patch)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        _state.Apply(TwinEvents.Desired(++_version, _time.GetUtcNow(), patch));
        return _time.GetUtcNow();
    }
}
