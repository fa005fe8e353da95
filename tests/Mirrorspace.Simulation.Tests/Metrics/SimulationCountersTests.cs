using Mirrorspace.Simulation.Metrics;
using MQTTnet;

namespace Mirrorspace.Simulation.Tests.Metrics;

public sealed class SimulationCountersTests
{
    [Fact]
    public void Refused_QuotaExceeded_CountsAsThrottled()
    {
        var sut = new SimulationCounters();

        sut.Refused(MqttClientPublishReasonCode.QuotaExceeded);
        sut.Refused(MqttClientPublishReasonCode.PayloadFormatInvalid);
        sut.Refused(MqttClientPublishReasonCode.PayloadFormatInvalid);

        var snapshot = sut.Snapshot();
        Assert.Equal(1, snapshot.Throttled);
        Assert.Equal(new Dictionary<string, long> { ["PayloadFormatInvalid"] = 2 }, snapshot.Refused);
    }

    [Fact]
    public void Snapshot_OutcomesOfEveryPublish_LeaveTheRestInFlight()
    {
        var sut = new SimulationCounters();
        for (var i = 0; i < 6; i++)
        {
            sut.Published();
        }

        sut.Acknowledged(TimeSpan.FromMilliseconds(2));
        sut.Acknowledged(TimeSpan.FromMilliseconds(3));
        sut.Refused(MqttClientPublishReasonCode.NotAuthorized);
        sut.Refused(MqttClientPublishReasonCode.QuotaExceeded);
        sut.Lost();

        var snapshot = sut.Snapshot();
        Assert.Equal(1, snapshot.InFlight);
        Assert.Equal(2, snapshot.Latency.Count);
    }

    [Fact]
    public void Since_EarlierSnapshot_CountsOnlyTheWindow()
    {
        var sut = new SimulationCounters();
        sut.Published();
        sut.Refused(MqttClientPublishReasonCode.NotAuthorized);
        var before = sut.Snapshot();
        sut.Published();
        sut.Acknowledged(TimeSpan.FromMilliseconds(1));

        var window = sut.Snapshot().Since(before);

        Assert.Equal((1, 1, 0L), (window.Published, window.Acknowledged, window.RefusedTotal));
    }
}
