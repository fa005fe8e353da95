using Mirrorspace.Security.Freshness;

namespace Mirrorspace.Security.Tests.Freshness;

public class ReplayGuardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private readonly ReplayGuard _guard = new(TimeSpan.FromSeconds(30));

    [Fact]
    public void Check_IncreasingSequence_IsFresh()
    {
        Assert.Equal(FreshnessVerdict.Fresh, _guard.Check(1, Now, Now));
        Assert.Equal(FreshnessVerdict.Fresh, _guard.Check(2, Now, Now));
        Assert.Equal(FreshnessVerdict.Fresh, _guard.Check(10, Now, Now));
    }

    [Fact]
    public void Check_SameSequenceAgain_IsReplayed()
    {
        _guard.Check(7, Now, Now);

        Assert.Equal(FreshnessVerdict.Replayed, _guard.Check(7, Now, Now));
    }

    [Fact]
    public void Check_OlderSequence_IsReplayed()
    {
        _guard.Check(7, Now, Now);

        Assert.Equal(FreshnessVerdict.Replayed, _guard.Check(6, Now, Now));
    }

    [Fact]
    public void Check_SequenceWrapsAround_IsFreshAndTheOldHighNumbersAreReplays()
    {
        _guard.Check(uint.MaxValue - 1, Now, Now);
        _guard.Check(uint.MaxValue, Now, Now);

        Assert.Equal(FreshnessVerdict.Fresh, _guard.Check(0, Now, Now));
        Assert.Equal(FreshnessVerdict.Fresh, _guard.Check(1, Now, Now));
        Assert.Equal(FreshnessVerdict.Replayed, _guard.Check(uint.MaxValue, Now, Now));
    }

    [Fact]
    public void Check_JumpOfHalfTheRange_IsAReplayNotAWrap()
    {
        _guard.Check(100, Now, Now);

        Assert.Equal(FreshnessVerdict.Replayed, _guard.Check(100 + (1u << 31), Now, Now));
    }

    [Theory]
    [InlineData(-31)]
    [InlineData(31)]
    [InlineData(-3600)]
    public void Check_TimestampOutsideTheSkew_IsOutOfWindow(int offsetSeconds)
    {
        Assert.Equal(FreshnessVerdict.OutOfWindow, _guard.Check(1, Now.AddSeconds(offsetSeconds), Now));
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(30)]
    public void Check_TimestampAtTheSkewBound_IsFresh(int offsetSeconds)
    {
        Assert.Equal(FreshnessVerdict.Fresh, _guard.Check(1, Now.AddSeconds(offsetSeconds), Now));
    }

    [Fact]
    public void Check_RefusedMessage_DoesNotMoveTheWindow()
    {
        _guard.Check(5, Now, Now);
        Assert.Equal(FreshnessVerdict.OutOfWindow, _guard.Check(50, Now.AddHours(1), Now));

        Assert.Equal(FreshnessVerdict.Fresh, _guard.Check(6, Now, Now));
    }
}
