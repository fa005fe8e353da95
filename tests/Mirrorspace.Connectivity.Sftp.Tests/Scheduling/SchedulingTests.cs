using Mirrorspace.Connectivity.Sftp.Scheduling;

namespace Mirrorspace.Connectivity.Sftp.Tests.Scheduling;

public sealed class SchedulingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, true)]
    [InlineData(-300, true)]
    [InlineData(-299, false)]
    [InlineData(60, true)]
    public void IsDue_LastStartAndInterval_DecideWhenTheNextRunIsDue(int? secondsSinceLastStart, bool due)
    {
        DateTimeOffset? last = secondsSinceLastStart is { } s ? Now.AddSeconds(s) : null;

        Assert.Equal(due, ScheduleDue.IsDue(last, TimeSpan.FromMinutes(5), Now));
    }

    [Fact]
    public void TryBegin_WhileTheSameConnectorRuns_IsRefusedUntilTheLeaseEnds()
    {
        var sut = new ConnectorRuns();

        var first = sut.TryBegin("t", "c");
        var overlapping = sut.TryBegin("t", "c");
        var otherTenant = sut.TryBegin("u", "c");
        first!.Dispose();
        var after = sut.TryBegin("t", "c");

        Assert.NotNull(first);
        Assert.Null(overlapping);
        Assert.NotNull(otherTenant);
        Assert.NotNull(after);
    }
}
