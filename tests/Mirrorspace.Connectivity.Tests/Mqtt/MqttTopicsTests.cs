using Mirrorspace.Connectivity.Mqtt;

namespace Mirrorspace.Connectivity.Tests.Mqtt;

/// <summary>The topic tree <c>mirrorspace/v1/twins/{twinId}/{reported|desired|commands}</c>: exactly that, and nothing that merely resembles it.</summary>
public sealed class MqttTopicsTests
{
    [Theory]
    [InlineData("mirrorspace/v1/twins/pump-1/reported", "pump-1", "reported")]
    [InlineData("mirrorspace/v1/twins/pump-1/desired", "pump-1", "desired")]
    [InlineData("mirrorspace/v1/twins/pump-1/commands", "pump-1", "commands")]
    [InlineData("mirrorspace/v1/twins/Station.North:7/reported", "Station.North:7", "reported")]
    public void TryParse_ConcreteTopic_ReturnsTwinAndChannel(string topic, string twinId, string channel)
    {
        Assert.True(MqttTopics.TryParse(topic, out var parsedTwin, out var parsedChannel));

        Assert.Equal(twinId, parsedTwin);
        Assert.Equal(channel, parsedChannel);
    }

    [Theory]
    [InlineData("#")]
    [InlineData("mirrorspace/v1/twins/#")]
    [InlineData("mirrorspace/v1/twins/+/reported")]
    [InlineData("mirrorspace/v1/twins/pump-1/+")]
    [InlineData("mirrorspace/v1/twins/pump-1/#")]
    [InlineData("mirrorspace/v1/twins/pump+1/reported")]
    public void TryParse_Wildcard_IsRefused(string topic)
    {
        Assert.True(MqttTopics.IsWildcard(topic));
        Assert.False(MqttTopics.TryParse(topic, out _, out _));
    }

    [Theory]
    [InlineData("mirrorspace/v1/twins/pump-1/telemetry")]
    [InlineData("mirrorspace/v1/twins/pump-1/Reported")]
    [InlineData("mirrorspace/v1/twins/pump-1/reported/")]
    [InlineData("mirrorspace/v1/twins/pump-1/reported/extra")]
    [InlineData("mirrorspace/v1/twins/pump-1")]
    [InlineData("mirrorspace/v1/twins/pump-1/")]
    [InlineData("mirrorspace/v1/twins//reported")]
    [InlineData("mirrorspace/v1/twins/reported")]
    [InlineData("mirrorspace/v2/twins/pump-1/reported")]
    [InlineData("/mirrorspace/v1/twins/pump-1/reported")]
    [InlineData("Mirrorspace/v1/twins/pump-1/reported")]
    [InlineData("other/v1/twins/pump-1/reported")]
    [InlineData("")]
    public void TryParse_OtherTopic_IsRefused(string topic)
    {
        Assert.False(MqttTopics.TryParse(topic, out var twinId, out var channel));

        Assert.Null(twinId);
        Assert.Null(channel);
    }

    [Theory]
    [InlineData("mirrorspace/v1/twins/-pump/reported")]
    [InlineData("mirrorspace/v1/twins/pump 1/reported")]
    [InlineData("mirrorspace/v1/twins/pump$1/reported")]
    [InlineData("mirrorspace/v1/twins/..%2F/reported")]
    [InlineData("mirrorspace/v1/twins/pümp/reported")]
    public void TryParse_InvalidTwinId_IsRefused(string topic) => Assert.False(MqttTopics.TryParse(topic, out _, out _));

    [Fact]
    public void TryParse_TwinIdOfMaximumLength_IsAcceptedAndOneLongerIsNot()
    {
        var longest = "p" + new string('x', 127);

        Assert.True(MqttTopics.TryParse(MqttTopics.For(longest, MqttTopics.Reported), out var twinId, out _));
        Assert.Equal(longest, twinId);
        Assert.False(MqttTopics.TryParse(MqttTopics.For(longest + "x", MqttTopics.Reported), out _, out _));
    }

    [Fact]
    public void TryParse_Null_IsRefused() => Assert.False(MqttTopics.TryParse(null, out _, out _));

    [Fact]
    public void For_TwinAndChannel_RoundTripsThroughTryParse()
    {
        var topic = MqttTopics.For("pump-7", MqttTopics.Commands);

        Assert.Equal("mirrorspace/v1/twins/pump-7/commands", topic);
        Assert.True(MqttTopics.TryParse(topic, out var twinId, out var channel));
        Assert.Equal(("pump-7", "commands"), (twinId, channel));
    }
}
