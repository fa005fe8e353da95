using System.Net;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// A device subscribes to exactly its own twin's desired and commands topics. Wildcards, other twins
/// and its own reported topic are refused (MQTT 5: NotAuthorized; 3.1.1: the failure code), audited,
/// and deliver nothing; the connection itself stays up.
/// </summary>
public sealed class MqttSubscribeTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Subscribe_OwnDesiredAndCommands_IsGranted(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        await client.SubscribeGrantedAsync(device.Desired);
        await client.SubscribeGrantedAsync(device.Commands);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, "#")]
    [InlineData(MqttProtocolVersion.V500, "+/+/+/+/+")]
    [InlineData(MqttProtocolVersion.V500, "mirrorspace/v1/twins/+/desired")]
    [InlineData(MqttProtocolVersion.V500, "mirrorspace/v1/twins/{own}/#")]
    [InlineData(MqttProtocolVersion.V500, "mirrorspace/v1/twins/{own}/+")]
    [InlineData(MqttProtocolVersion.V311, "#")]
    [InlineData(MqttProtocolVersion.V311, "mirrorspace/v1/twins/{own}/+")]
    public async Task Subscribe_Wildcard_IsRefusedAndAudited(MqttProtocolVersion protocol, string filter)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var topic = filter.Replace("{own}", device.TwinId, StringComparison.Ordinal);
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        var granted = await client.SubscribeAsync(topic);

        AssertRefused(protocol, granted);
        var entry = await admin.SingleRefusalAsync("mqtt.subscribe", device.DeviceId);
        Assert.Equal(topic, entry["resource"]?.GetValue<string>());
        Assert.Equal("wildcard subscriptions are not allowed", entry["reason"]?.GetValue<string>());
        Assert.True(client.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, "desired")]
    [InlineData(MqttProtocolVersion.V500, "commands")]
    [InlineData(MqttProtocolVersion.V311, "desired")]
    public async Task Subscribe_OtherTwinsTopic_IsRefusedAndDeliversNothing(MqttProtocolVersion protocol, string channel)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var otherTwin = await admin.CreatePumpTwinAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        AssertRefused(protocol, await client.SubscribeAsync(DeviceTopics.Of(otherTwin, channel)));

        await admin.SingleRefusalAsync("mqtt.subscribe", device.DeviceId);
        using var patched = await admin.PatchDesiredAsync(otherTwin, """{"speed":1500}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        await admin.SendAcceptedCommandAsync(otherTwin, "restart");
        await client.SubscribeGrantedAsync(device.Desired);
        var first = await client.NextMessageAsync("the device's own desired state");
        Assert.Equal(device.Desired, first.Topic);
        Assert.Equal(0, client.Unread);
    }

    [Fact]
    public async Task Subscribe_OwnReportedTopic_IsRefused()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await client.SubscribeAsync(device.Reported));

        Assert.Equal("not this device's desired or commands topic", (await admin.SingleRefusalAsync("mqtt.subscribe", device.DeviceId))["reason"]?.GetValue<string>());
    }

    /// <summary>MQTT 5 says NotAuthorized; MQTT 3.1.1 has only the failure code 0x80.</summary>
    private static void AssertRefused(MqttProtocolVersion protocol, MqttClientSubscribeResultCode code)
    {
        if (protocol == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, code);
        }
        else
        {
            Assert.False(
                code is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2,
                $"The subscription must not be granted: {code}");
        }
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
