using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Runtime.Ingestion;

namespace Mirrorspace.Connectivity.Tests.Mqtt;

/// <summary>A device's allowance: a burst of rate × burst seconds, then the contract rate, on a fake clock.</summary>
public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void TryTake_FullBucket_AllowsExactlyTheBurst()
    {
        var sut = new TokenBucket(ratePerSecond: 5, burstSeconds: 2, _clock);

        Assert.Equal(10, TakeAll(sut));
        Assert.False(sut.TryTake());
    }

    [Fact]
    public void TryTake_AfterTheBurst_RefillsAtTheContractRate()
    {
        var sut = new TokenBucket(ratePerSecond: 5, burstSeconds: 2, _clock);
        TakeAll(sut);

        _clock.Advance(TimeSpan.FromMilliseconds(190));
        Assert.False(sut.TryTake());
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.True(sut.TryTake());
        Assert.False(sut.TryTake());

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, TakeAll(sut));
    }

    [Fact]
    public void TryTake_AfterALongPause_HoldsNoMoreThanTheBurst()
    {
        var sut = new TokenBucket(ratePerSecond: 5, burstSeconds: 2, _clock);
        TakeAll(sut);

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(10, TakeAll(sut));
    }

    [Fact]
    public void TryTake_RefusedAttempts_DoNotDelayTheRefill()
    {
        var sut = new TokenBucket(ratePerSecond: 1, burstSeconds: 1, _clock);
        Assert.True(sut.TryTake());

        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(99));
            Assert.False(sut.TryTake());
        }

        _clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.True(sut.TryTake());
    }

    [Fact]
    public void TryTake_RateBelowOnePerBurst_StillAllowsOneMessage()
    {
        var sut = new TokenBucket(ratePerSecond: 0.1, burstSeconds: 2, _clock);

        Assert.True(sut.TryTake());
        Assert.False(sut.TryTake());
        _clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(sut.TryTake());
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(sut.TryTake());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_RateNotPositive_Throws(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(rate, 2, _clock));

    private static int TakeAll(TokenBucket bucket)
    {
        var taken = 0;
        while (taken < 1_000_000 && bucket.TryTake())
        {
            taken++;
        }

        return taken;
    }
}
