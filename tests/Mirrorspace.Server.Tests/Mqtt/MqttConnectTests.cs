using Mirrorspace.Connectivity.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// Who may connect: a registered, enabled device of an existing twin, with its own secret, under its
/// own id as client id. Every refusal answers with the CONNACK code and is audited in the device's tenant.
/// </summary>
public sealed partial class MqttConnectTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_OwnSecret_IsAcceptedAndShownConnected(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        Assert.True(client.IsConnected);

        // The broker announces the connection just after its CONNACK, so the API may take a moment to show it.
        await Signals.UntilAsync(
            async () => (await admin.ActivityAsync(device.DeviceId))["connected"]!.GetValue<bool>(),
            "the device to be shown connected");
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_TamperedSecret_IsRefusedAndAudited(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var tampered = device.Secret![..^1] + (device.Secret[^1] == 'A' ? 'B' : 'A');

        await using var client = await MqttTestClient.ConnectAsync(factory, protocol, device.DeviceId, device.DeviceId, tampered);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, client.ConnectResult.ResultCode);
        Assert.False(client.IsConnected);
        var entry = await admin.SingleRefusalAsync("mqtt.connect", device.DeviceId);
        Assert.Equal("wrong secret", entry["reason"]?.GetValue<string>());
        Assert.DoesNotContain(tampered, entry.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_AnotherDevicesSecret_IsRefused()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var other = await admin.RegisterDeviceAsync(device.TwinId);

        await using var client = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, device.DeviceId, other.Secret);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, client.ConnectResult.ResultCode);
        Assert.Equal("wrong secret", (await admin.SingleRefusalAsync("mqtt.connect", device.DeviceId))["reason"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("dev-0123456789abcdef", "msd_0123456789abcdef_not-a-real-secret")]
    [InlineData("dev-0123456789abcdef", null)]
    [InlineData("admin", "admin")]
    [InlineData(null, null)]
    public async Task Connect_NoValidDeviceCredential_IsRefused(string? userName, string? password)
    {
        await using var client = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, userName ?? "anonymous", userName, password);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, client.ConnectResult.ResultCode);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_ClientIdNotTheDeviceId_IsRefusedAndAudited(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        await using var client = await MqttTestClient.ConnectAsync(factory, protocol, "my-pump", device.DeviceId, device.Secret);

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, client.ConnectResult.ResultCode);
        var entry = await admin.SingleRefusalAsync("mqtt.connect", device.DeviceId);
        Assert.Contains("client id", entry["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_ClientIdOfAnotherConnectedDevice_IsRefusedAndTheOwnerKeepsItsSession(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var owner = await admin.NewPumpDeviceAsync();
        var intruder = await admin.RegisterDeviceAsync(owner.TwinId);
        await using var ownerClient = await MqttTestClient.ConnectDeviceAsync(factory, owner, protocol);

        await using var takeover = await MqttTestClient.ConnectAsync(factory, protocol, owner.DeviceId, intruder.DeviceId, intruder.Secret);

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, takeover.ConnectResult.ResultCode);
        var published = await ownerClient.PublishAsync(owner.Reported, """{"vibration":3}""");
        Assert.True(published.IsSuccess, $"The owner's session must survive: {published.ReasonCode}");
        Assert.True(ownerClient.IsConnected);
        Assert.Contains(owner.DeviceId, (await admin.SingleRefusalAsync("mqtt.connect", intruder.DeviceId))["resource"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SameDeviceAgain_TakesOverItsOwnSession()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var first = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        await using var second = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        await first.DroppedAsync("the first connection to be taken over");
        Assert.True((await second.PublishAsync(device.Reported, """{"vibration":2}""")).IsSuccess);
        Assert.True((await admin.ActivityAsync(device.DeviceId))["connected"]!.GetValue<bool>());
        Assert.True(factory.Services.GetRequiredService<MqttBridge>().IsConnected(device.DeviceId));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_DisabledDevice_IsRefusedNotAuthorizedAndAudited(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await admin.DisableDeviceAsync(device.DeviceId);

        await using var client = await MqttTestClient.ConnectAsync(factory, protocol, device.DeviceId, device.DeviceId, device.Secret);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, client.ConnectResult.ResultCode);
        Assert.Equal("device disabled", (await admin.SingleRefusalAsync("mqtt.connect", device.DeviceId))["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Connect_DeviceOfDeletedTwin_IsRefusedNotAuthorized()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        using (var deleted = await admin.DeletePathAsync($"/api/v1/twins/{device.TwinId}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await using var client = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, device.DeviceId, device.Secret);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, client.ConnectResult.ResultCode);
        Assert.Contains(device.TwinId, (await admin.SingleRefusalAsync("mqtt.connect", device.DeviceId))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
