using System.Text;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// A device publishes to its own twin's reported topic and nowhere else. MQTT 5 refuses with a PUBACK
/// reason code; MQTT 3.1.1 has none, so there the broker closes the connection. Either way the twin it
/// aimed at is unchanged and the attempt is audited.
/// </summary>
public sealed partial class MqttPublishTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private const int MaxMessageBytes = 64 * 1024;

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Publish_OwnReportedTopic_IsAcknowledgedAndStored(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        var result = await client.PublishAsync(device.Reported, """{"vibration":2.5,"mode":"auto"}""");

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"vibration":2.5,"mode":"auto"}"""), twin["reported"]));
        Assert.Equal($"mqtt:{device.DeviceId}", twin["metadata"]?["reported"]?["vibration"]?["source"]?.GetValue<string>());
        Assert.Equal(1, await admin.CounterAsync(device.DeviceId, "accepted"));
    }

    [Fact]
    public async Task Publish_OtherTwinsReportedTopic_IsRefusedNotAuthorizedAndAudited()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var otherTwin = await admin.CreatePumpTwinAsync();
        var before = await admin.GetJsonAsync($"/api/v1/twins/{otherTwin}");
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        var result = await client.PublishAsync(DeviceTopics.Of(otherTwin, "reported"), """{"vibration":9}""");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.True(client.IsConnected, "MQTT 5 refuses the message, not the connection.");
        Assert.True(JsonNode.DeepEquals(before, await admin.GetJsonAsync($"/api/v1/twins/{otherTwin}")), "The other twin must be unchanged.");
        var entry = await admin.SingleRefusalAsync("mqtt.publish", device.DeviceId);
        Assert.Equal(DeviceTopics.Of(otherTwin, "reported"), entry["resource"]?.GetValue<string>());
        Assert.Equal(1, await admin.CounterAsync(device.DeviceId, "refused"));
    }

    [Fact]
    public async Task Publish_OtherTwinsReportedTopicOver311_ClosesTheConnectionAndIsAudited()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var otherTwin = await admin.CreatePumpTwinAsync();
        var before = await admin.GetJsonAsync($"/api/v1/twins/{otherTwin}");
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V311);

        await client.PublishExpectingDisconnectAsync(DeviceTopics.Of(otherTwin, "reported"), Encoding.UTF8.GetBytes("""{"vibration":9}"""));

        Assert.True(JsonNode.DeepEquals(before, await admin.GetJsonAsync($"/api/v1/twins/{otherTwin}")), "The other twin must be unchanged.");
        await admin.SingleRefusalAsync("mqtt.publish", device.DeviceId);
    }

    [Theory]
    [InlineData("{own}/desired")]
    [InlineData("{own}/commands")]
    [InlineData("{own}/telemetry")]
    [InlineData("{own}/reported/extra")]
    [InlineData("{own}")]
    [InlineData("elsewhere/reported")]
    public async Task Publish_AnyOtherTopic_IsRefusedNotAuthorized(string topic)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var concrete = topic.Replace("{own}", $"mirrorspace/v1/twins/{device.TwinId}", StringComparison.Ordinal);
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        var result = await client.PublishAsync(concrete, """{"speed":100}""");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.Equal(concrete, (await admin.SingleRefusalAsync("mqtt.publish", device.DeviceId))["resource"]?.GetValue<string>());
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task Publish_ExactlyMaxMessageBytes_IsAccepted()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        var result = await client.PublishAsync(device.Reported, PaddedReading(MaxMessageBytes));

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Publish_OverMaxMessageBytes_ClosesTheConnectionAndIsAudited(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        await client.PublishExpectingDisconnectAsync(device.Reported, PaddedReading(MaxMessageBytes + 1));

        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["version"]?.GetValue<long>());
        var entry = await admin.SingleRefusalAsync("mqtt.publish", device.DeviceId);
        Assert.Contains($"{MaxMessageBytes + 1} bytes", entry["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>A valid reading padded with JSON whitespace to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] PaddedReading(int size)
    {
        const string reading = """{"vibration":1}""";
        return Encoding.UTF8.GetBytes(reading[..^1] + new string(' ', size - reading.Length) + "}");
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
