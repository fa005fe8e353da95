using Mirrorspace.Domain.Integrity;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Security.Freshness;

namespace Mirrorspace.Runtime.Tests.Ingestion;

public sealed class DeviceTrustTests
{
    [Fact]
    public void TakeTrustToStore_ScoreUnchangedSinceLoaded_HasNothingToStore()
    {
        using var sut = Device(trust: 1);

        sut.Record(Verdict.Accepted);

        Assert.Null(sut.TakeTrustToStore());
    }

    [Fact]
    public void TakeTrustToStore_ScoreMoved_HandsItOutOnce()
    {
        using var sut = Device(trust: 1);

        sut.Record(Verdict.Rejected);

        Assert.Equal(0.7, sut.TakeTrustToStore()!.Value, precision: 10);
        Assert.Null(sut.TakeTrustToStore());
    }

    [Fact]
    public void TakeTrustToStore_RecoveringScore_IsStoredAsItMoves()
    {
        using var sut = Device(trust: 0.5);

        sut.Record(Verdict.Accepted);
        var first = sut.TakeTrustToStore();
        sut.Record(Verdict.Accepted);
        var second = sut.TakeTrustToStore();

        Assert.Equal(0.51, first!.Value, precision: 10);
        Assert.Equal(0.5198, second!.Value, precision: 10);
    }

    private static DeviceTrust Device(double trust) =>
        new("dev-1", "t-1", "pump-1", signingKey: null, new ReplayGuard(TimeSpan.FromMinutes(5), lastAccepted: null), trust);
}
