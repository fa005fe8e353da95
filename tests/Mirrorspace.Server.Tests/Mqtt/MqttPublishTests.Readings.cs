using System.Text;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// A malformed reading (not what the twin's model declares) changes nothing stored: MQTT 5 answers
/// PayloadFormatInvalid (0x99) with the reason; MQTT 3.1.1 can only acknowledge it. The refusal is
/// audited and counted either way. (A well-formed but implausible value is quarantined instead: see
/// the integrity tests.)
/// </summary>
public sealed partial class MqttPublishTests
{
    public static TheoryData<string, string> InvalidReadings => new()
    {
        { "unknown property", """{"colour":"red"}""" },
        { "wrong type", """{"vibration":"high"}""" },
        { "not JSON", "speed=5" },
        { "not an object", "[1,2]" },
        { "not UTF-8", "\uFFFD" },
    };

    [Theory]
    [MemberData(nameof(InvalidReadings))]
    public async Task Publish_InvalidReading_IsRefusedPayloadFormatInvalidAndNothingChanges(string why, string payload)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);
        var before = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");

        var result = await client.PublishAsync(device.Reported, Bytes(payload));

        Assert.True(MqttClientPublishReasonCode.PayloadFormatInvalid == result.ReasonCode, $"{why}: {result.ReasonCode}");
        Assert.False(string.IsNullOrEmpty(result.ReasonString), "The device is told why.");
        Assert.True(JsonNode.DeepEquals(before, await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}")), "Nothing stored may change.");
        Assert.Single((await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}/history"))["events"]!.AsArray());
        var entry = await admin.SingleRefusalAsync("mqtt.reading-refused", device.DeviceId);
        Assert.Equal(device.Reported, entry["resource"]?.GetValue<string>());
        Assert.Equal(1, await admin.CounterAsync(device.DeviceId, "refused"));
        Assert.Equal(MqttClientPublishReasonCode.Success, (await client.PublishAsync(device.Reported, """{"vibration":1}""")).ReasonCode);
    }

    [Fact]
    public async Task Publish_InvalidReadingOver311_IsAcknowledgedButNotStoredAndAudited()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V311);

        var result = await client.PublishAsync(device.Reported, """{"colour":"red"}""");

        Assert.True(result.IsSuccess, "MQTT 3.1.1 cannot refuse a message; resending it could not fix it either.");
        Assert.True(client.IsConnected);
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["version"]?.GetValue<long>());
        Assert.Contains("colour", (await admin.SingleRefusalAsync("mqtt.reading-refused", device.DeviceId))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The payload's UTF-8 bytes; U+FFFD stands for an invalid UTF-8 sequence.</summary>
    private static byte[] Bytes(string payload) => payload == "\uFFFD" ? [0x7B, 0xC3, 0x28, 0x7D] : Encoding.UTF8.GetBytes(payload);
}
