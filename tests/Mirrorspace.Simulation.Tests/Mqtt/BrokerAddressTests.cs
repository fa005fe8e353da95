using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Simulation.Tests.Mqtt;

public sealed class BrokerAddressTests
{
    [Theory]
    [InlineData("mqtts://127.0.0.1:18883", "127.0.0.1", 18883)]
    [InlineData("mqtts://localhost", "localhost", 8883)]
    [InlineData("mqtts://[::1]:8884/", "::1", 8884)]
    public void TryParse_TlsAddress_ReadsHostAndPort(string text, string host, int port)
    {
        Assert.True(BrokerAddress.TryParse(text, out var address, out _));
        Assert.Equal(new BrokerAddress(host, port), address);
    }

    [Theory]
    [InlineData("mqtt://127.0.0.1:1883")]
    [InlineData("https://127.0.0.1:8883")]
    [InlineData("127.0.0.1:8883")]
    [InlineData("mqtts://127.0.0.1:8883/topic")]
    [InlineData("mqtts://user:secret@127.0.0.1:8883")]
    [InlineData(null)]
    public void TryParse_AnythingButMqttOverTls_IsRefusedWithAReason(string? text)
    {
        Assert.False(BrokerAddress.TryParse(text, out _, out var error));
        Assert.Contains("mqtts://", error, StringComparison.Ordinal);
    }
}
