using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// Disabling, rotating or deleting a credential takes effect at once: by the time the API answers, the
/// broker no longer counts the device's live session, the connection is dropped, and the old credential is refused.
/// </summary>
public sealed class MqttRevocationTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private MqttBridge Bridge => factory.Services.GetRequiredService<MqttBridge>();

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Disable_ConnectedDevice_DropsItsSessionAndRefusesItUntilEnabled(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        await admin.DisableDeviceAsync(device.DeviceId);

        Assert.False(Bridge.IsConnected(device.DeviceId), "The session must be gone when the API answers.");
        var dropped = await client.DroppedAsync("the broker to drop the disabled device");
        if (protocol == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttClientDisconnectReason.NotAuthorized, dropped.Reason);
        }

        Assert.False((await admin.ActivityAsync(device.DeviceId))["connected"]!.GetValue<bool>());
        await using (var again = await MqttTestClient.ConnectAsync(factory, protocol, device.DeviceId, device.DeviceId, device.Secret))
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, again.ConnectResult.ResultCode);
        }

        await admin.EnableDeviceAsync(device.DeviceId);
        await using var enabled = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);
        Assert.True((await enabled.PublishAsync(device.Reported, """{"vibration":1}""")).IsSuccess);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Rotate_ConnectedDevice_DropsItsSessionAndOnlyTheNewSecretWorks(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        var newSecret = await admin.RotateSecretAsync(device.DeviceId);

        Assert.False(Bridge.IsConnected(device.DeviceId), "The session must be gone when the API answers.");
        await client.DroppedAsync("the broker to drop the rotated device");
        await using (var old = await MqttTestClient.ConnectAsync(factory, protocol, device.DeviceId, device.DeviceId, device.Secret))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, old.ConnectResult.ResultCode);
        }

        await using var rotated = await MqttTestClient.ConnectDeviceAsync(factory, device with { Secret = newSecret }, protocol);
        Assert.True((await rotated.PublishAsync(device.Reported, """{"vibration":1}""")).IsSuccess);
    }

    [Fact]
    public async Task RotateToCertificate_ConnectedDevice_DropsItAndOnlyTheCertificateWorks()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        using var certificate = DeviceCertificate.Create("rotated pump");
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        using (var rotated = await admin.DeviceActionAsync(device.DeviceId, "rotate", new System.Text.Json.Nodes.JsonObject { ["certificatePem"] = certificate.Pem }.ToJsonString()))
        {
            var body = await rotated.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Null(body["secret"]);
            Assert.Equal(certificate.Sha256Thumbprint, body["device"]?["certificateThumbprint"]?.GetValue<string>());
        }

        await client.DroppedAsync("the broker to drop the device whose secret was replaced");
        await using (var withSecret = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, device.DeviceId, device.Secret))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, withSecret.ConnectResult.ResultCode);
        }

        await using var withCertificate = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, null, null, certificate);
        Assert.Equal(MqttClientConnectResultCode.Success, withCertificate.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task Delete_ConnectedDevice_DropsItsSessionAndForgetsIt()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        using (var deleted = await admin.DeletePathAsync($"/api/v1/devices/{device.DeviceId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.False(Bridge.IsConnected(device.DeviceId), "The session must be gone when the API answers.");
        await client.DroppedAsync("the broker to drop the deleted device");
        await using var again = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, device.DeviceId, device.Secret);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, again.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task Disable_CertificateDevice_DropsItsSession()
    {
        using var admin = await AdminAsync();
        using var certificate = DeviceCertificate.Create("pump certificate");
        var device = await admin.RegisterDeviceAsync(await admin.CreatePumpTwinAsync(), certificate.Pem);
        await using var client = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, null, null, certificate);
        Assert.Equal(MqttClientConnectResultCode.Success, client.ConnectResult.ResultCode);

        await admin.DisableDeviceAsync(device.DeviceId);

        await client.DroppedAsync("the broker to drop the disabled certificate device");
        await using var again = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, null, null, certificate);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, again.ConnectResult.ResultCode);
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
