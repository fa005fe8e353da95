using Mirrorspace.Simulation.Behaviour;

namespace Mirrorspace.Simulation.Tests.Behaviour;

public sealed class DesiredMessageTests
{
    [Fact]
    public void TryParse_NodesMessage_ReadsVersionAndState()
    {
        var message = DesiredMessage.TryParse("""{"version":12,"desired":{"speed":1500,"mode":"auto"}}""");

        Assert.NotNull(message);
        Assert.Equal(12, message.Version);
        Assert.Equal(1500, message.Desired["speed"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"desired":{}}""")]
    [InlineData("""{"version":"7","desired":{}}""")]
    [InlineData("""{"version":7,"desired":[]}""")]
    [InlineData("[1,2]")]
    public void TryParse_SomethingElse_IsNull(string payload)
    {
        Assert.Null(DesiredMessage.TryParse(payload));
    }
}
