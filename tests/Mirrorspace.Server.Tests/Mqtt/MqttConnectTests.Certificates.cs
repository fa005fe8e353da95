using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>A device registered with a client certificate proves itself in the TLS handshake; no secret is needed, and only the pinned certificate works.</summary>
public sealed partial class MqttConnectTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_RegisteredCertificate_IsAcceptedWithoutASecretAndMayReport(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        using var certificate = DeviceCertificate.Create("pump certificate");
        var device = await admin.RegisterDeviceAsync(await admin.CreatePumpTwinAsync(), certificate.Pem);

        await using var client = await MqttTestClient.ConnectAsync(factory, protocol, device.DeviceId, userName: null, password: null, certificate);

        Assert.Equal(MqttClientConnectResultCode.Success, client.ConnectResult.ResultCode);
        Assert.True((await client.PublishAsync(device.Reported, """{"vibration":4.5}""")).IsSuccess);
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.Equal(4.5, twin["reported"]?["vibration"]?.GetValue<double>());
    }

    [Fact]
    public async Task Connect_UnregisteredCertificate_IsRefused()
    {
        using var admin = await AdminAsync();
        using var registered = DeviceCertificate.Create("registered");
        using var stranger = DeviceCertificate.Create("registered");
        var device = await admin.RegisterDeviceAsync(await admin.CreatePumpTwinAsync(), registered.Pem);

        await using var client = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, userName: null, password: null, stranger);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, client.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task Connect_CertificateWithAnotherDevicesSecret_IsRefused()
    {
        using var admin = await AdminAsync();
        using var certificate = DeviceCertificate.Create("pump certificate");
        var twinId = await admin.CreatePumpTwinAsync();
        var certificateDevice = await admin.RegisterDeviceAsync(twinId, certificate.Pem);
        var secretDevice = await admin.RegisterDeviceAsync(twinId);

        await using var client = await MqttTestClient.ConnectAsync(
            factory, MqttProtocolVersion.V500, secretDevice.DeviceId, secretDevice.DeviceId, secretDevice.Secret, certificate);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, client.ConnectResult.ResultCode);
        Assert.Equal(
            "user name is not the certificate's device",
            (await admin.SingleRefusalAsync("mqtt.connect", secretDevice.DeviceId))["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Connect_CertificateDeviceWithoutItsCertificate_IsRefused()
    {
        using var admin = await AdminAsync();
        using var certificate = DeviceCertificate.Create("pump certificate");
        var device = await admin.RegisterDeviceAsync(await admin.CreatePumpTwinAsync(), certificate.Pem);

        await using var client = await MqttTestClient.ConnectAsync(factory, MqttProtocolVersion.V500, device.DeviceId, device.DeviceId, "msd_" + device.DeviceId[4..] + "_guess");

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, client.ConnectResult.ResultCode);
    }
}
