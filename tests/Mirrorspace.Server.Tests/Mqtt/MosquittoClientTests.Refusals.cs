using System.Text;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// Every refusal as mosquitto reports it. mosquitto_pub in MQTT 5 exits 0 even when a publish is refused
/// and only warns on stderr; a refused connection exits non-zero with the reason. Each refusal is also
/// in the tenant's audit log.
/// </summary>
public sealed partial class MosquittoClientTests
{
    [Theory]
    [InlineData("mqttv5", "Bad User Name or Password")]
    [InlineData("mqttv311", "Connection Refused: bad user name or password.")]
    public async Task Pub_WrongPassword_IsRefusedAndAudited(string version, string expected)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        var result = await MosquittoClient.PublishAsync(factory, version, DeviceLogin.Of(device) with { Password = "msd_guess" }, device.Reported, "-m", """{"vibration":1}""");

        AssertRefusedConnection(result, expected);
        Assert.Equal("wrong secret", (await admin.SingleRefusalAsync("mqtt.connect", device.DeviceId))["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Pub_OtherTwinsTopicOverMqtt5_WarnsNotAuthorizedAndIsAudited()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var otherTwin = await admin.CreatePumpTwinAsync();

        var result = await MosquittoClient.PublishAsync(factory, "mqttv5", DeviceLogin.Of(device), DeviceTopics.Of(otherTwin, "reported"), "-m", """{"vibration":1}""");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("failed: Not authorized.", result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{otherTwin}"))["version"]?.GetValue<long>());
        await admin.SingleRefusalAsync("mqtt.publish", device.DeviceId);
    }

    [Fact]
    public async Task Pub_OtherTwinsTopicOverMqtt311_LosesTheConnectionAndIsAudited()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var otherTwin = await admin.CreatePumpTwinAsync();

        var result = await MosquittoClient.PublishAsync(factory, "mqttv311", DeviceLogin.Of(device), DeviceTopics.Of(otherTwin, "reported"), "-m", """{"vibration":1}""");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("connection was lost", result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{otherTwin}"))["version"]?.GetValue<long>());
        await admin.SingleRefusalAsync("mqtt.publish", device.DeviceId);
    }

    [Fact]
    public async Task Pub_InvalidReadingOverMqtt5_WarnsPayloadFormatInvalid()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        var result = await MosquittoClient.PublishAsync(factory, "mqttv5", DeviceLogin.Of(device), device.Reported, "-m", """{"speed":"fast"}""");

        Assert.Contains("failed: Payload format invalid.", result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["version"]?.GetValue<long>());
        await admin.SingleRefusalAsync("mqtt.reading-refused", device.DeviceId);
    }

    [Theory]
    [InlineData("mqttv5")]
    [InlineData("mqttv311")]
    public async Task Sub_Wildcard_IsDeniedAndAudited(string version)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var subscriber = MosquittoClient.Subscribe(factory, version, DeviceLogin.Of(device), "#");

        var result = await subscriber.CompletionAsync();

        Assert.Contains("All subscription requests were denied.", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal("#", (await admin.SingleRefusalAsync("mqtt.subscribe", device.DeviceId))["resource"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("mqttv5", "Client Identifier not valid")]
    [InlineData("mqttv311", "Connection Refused: identifier rejected.")]
    public async Task Pub_ClientIdOfAnotherDevice_IsRefusedAndAudited(string version, string expected)
    {
        using var admin = await AdminAsync();
        var owner = await admin.NewPumpDeviceAsync();
        var intruder = await admin.RegisterDeviceAsync(owner.TwinId);

        var result = await MosquittoClient.PublishAsync(
            factory, version, DeviceLogin.Of(intruder) with { ClientId = owner.DeviceId }, owner.Reported, "-m", """{"vibration":1}""");

        AssertRefusedConnection(result, expected);
        await admin.SingleRefusalAsync("mqtt.connect", intruder.DeviceId);
    }

    [Theory]
    [InlineData("mqttv5")]
    [InlineData("mqttv311")]
    public async Task Pub_OversizedMessage_LosesTheConnectionAndIsAudited(string version)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var file = Path.Combine(factory.DataDirectory, $"oversized-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"serialNumber":" """ + new string(' ', 64 * 1024) + "\"}", Encoding.UTF8, TestContext.Current.CancellationToken);

        var result = await MosquittoClient.PublishAsync(factory, version, DeviceLogin.Of(device), device.Reported, "-f", file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["version"]?.GetValue<long>());
        Assert.Contains("65536-byte limit", (await admin.SingleRefusalAsync("mqtt.publish", device.DeviceId))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqttv5", "Not authorized")]
    [InlineData("mqttv311", "Connection Refused: not authorised.")]
    public async Task Pub_DisabledCredential_IsRefusedAndAudited(string version, string expected)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await admin.DisableDeviceAsync(device.DeviceId);

        var result = await MosquittoClient.PublishAsync(factory, version, DeviceLogin.Of(device), device.Reported, "-m", """{"vibration":1}""");

        AssertRefusedConnection(result, expected);
        Assert.Equal("device disabled", (await admin.SingleRefusalAsync("mqtt.connect", device.DeviceId))["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Sub_CredentialDisabledWhileSubscribed_EndsTheSession()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var subscriber = MosquittoClient.Subscribe(factory, "mqttv5", DeviceLogin.Of(device), device.Desired);
        await subscriber.NextLineAsync("the current desired state after SUBACK");

        await admin.DisableDeviceAsync(device.DeviceId);

        await subscriber.CompletionAsync();
    }

    private static void AssertRefusedConnection(MosquittoResult result, string expected)
    {
        Assert.True(result.ExitCode != 0, $"A refused connection must fail mosquitto_pub; stderr: {result.Error}");
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
