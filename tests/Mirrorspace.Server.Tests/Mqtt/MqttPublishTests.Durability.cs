using System.Globalization;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>A QoS 1 PUBACK comes only after the reading is durably stored: once acknowledged, it is in the twin and in its history.</summary>
public sealed partial class MqttPublishTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Publish_Acknowledged_IsAlreadyInTheTwinAndItsHistory(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        for (var i = 1; i <= 5; i++)
        {
            var reading = $$"""{"power":{{(i * 10).ToString(CultureInfo.InvariantCulture)}}}""";
            Assert.True((await client.PublishAsync(device.Reported, reading)).IsSuccess);

            var events = (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}/history"))["events"]!.AsArray();
            var last = events[^1]!;
            Assert.Equal(i + 1, last["version"]?.GetValue<long>());
            Assert.Equal($"mqtt:{device.DeviceId}", last["source"]?.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(reading), last["payload"]), $"history after PUBACK {i}: {last}");
            Assert.Equal(i * 10, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["reported"]?["power"]?.GetValue<double>());
        }
    }
}
