using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// Bounds that keep one tenant or one slow client from exhausting the broker: connections per tenant
/// (MaxConnectionsPerTenant) and messages queued per client (MaxPendingMessagesPerClient), on a node
/// where both are small.
/// </summary>
public sealed partial class MqttLimitsTests(TightMqttLimitsFactory factory) : IClassFixture<TightMqttLimitsFactory>
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_OverTheTenantsLimit_IsRefusedAndAudited(MqttProtocolVersion protocol)
    {
        var tenant = await factory.CreateTenantWithModelsAsync(SampleModels.AllFileNames());
        using var admin = factory.CreateClient(tenant.AdminKey);
        var devices = new List<RegisteredDevice>();
        for (var i = 0; i <= TightMqttLimitsFactory.MaxConnectionsPerTenant; i++)
        {
            devices.Add(await admin.NewPumpDeviceAsync());
        }

        await using var first = await MqttTestClient.ConnectDeviceAsync(factory, devices[0], protocol);
        await using var second = await MqttTestClient.ConnectDeviceAsync(factory, devices[1], protocol);
        await using var third = await MqttTestClient.ConnectAsync(factory, protocol, devices[2].DeviceId, devices[2].DeviceId, devices[2].Secret);

        if (protocol == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttClientConnectResultCode.QuotaExceeded, third.ConnectResult.ResultCode);
        }
        else
        {
            Assert.NotEqual(MqttClientConnectResultCode.Success, third.ConnectResult.ResultCode);
        }

        var entry = await admin.SingleRefusalAsync("mqtt.connect", devices[2].DeviceId);
        Assert.Contains("limit", entry["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(first.IsConnected && second.IsConnected, "The connections within the limit stay.");
    }

    [Fact]
    public async Task Connect_AtTheLimit_OtherTenantsAndReconnectsOfConnectedDevicesStillConnect()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(SampleModels.AllFileNames());
        var otherTenant = await factory.CreateTenantWithModelsAsync(SampleModels.AllFileNames());
        using var admin = factory.CreateClient(tenant.AdminKey);
        using var otherAdmin = factory.CreateClient(otherTenant.AdminKey);
        var first = await admin.NewPumpDeviceAsync();
        var second = await admin.NewPumpDeviceAsync();
        await using var firstClient = await MqttTestClient.ConnectDeviceAsync(factory, first, MqttProtocolVersion.V500);
        await using var secondClient = await MqttTestClient.ConnectDeviceAsync(factory, second, MqttProtocolVersion.V500);

        await using var otherTenantsDevice = await MqttTestClient.ConnectDeviceAsync(factory, await otherAdmin.NewPumpDeviceAsync(), MqttProtocolVersion.V500);
        await using var secondAgain = await MqttTestClient.ConnectDeviceAsync(factory, second, MqttProtocolVersion.V500);

        await secondClient.DroppedAsync("the second device's old connection to be taken over by its new one");
        Assert.True(firstClient.IsConnected);
    }

    [Fact]
    public async Task Connect_AfterADeviceLeft_HasRoomAgain()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(SampleModels.AllFileNames());
        using var admin = factory.CreateClient(tenant.AdminKey);
        var first = await admin.NewPumpDeviceAsync();
        var second = await admin.NewPumpDeviceAsync();
        var third = await admin.NewPumpDeviceAsync();
        await using var secondClient = await MqttTestClient.ConnectDeviceAsync(factory, second, MqttProtocolVersion.V500);
        await using (var firstClient = await MqttTestClient.ConnectDeviceAsync(factory, first, MqttProtocolVersion.V500))
        {
            await firstClient.DisconnectAsync();
        }

        await Signals.UntilAsync(
            async () => !(await admin.ActivityAsync(first.DeviceId))["connected"]!.GetValue<bool>(),
            "the broker to see the first device leave");
        await using var thirdClient = await MqttTestClient.ConnectDeviceAsync(factory, third, MqttProtocolVersion.V500);

        Assert.True(thirdClient.IsConnected);
    }
}
