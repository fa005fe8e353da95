using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// A device may send at its model's contract rate (<c>sync.maxMessagesPerSecond</c>, with a burst of
/// rate × BurstSeconds). Beyond it MQTT 5 answers QuotaExceeded and 3.1.1 loses the connection; every
/// throttled message is counted, and a run of them is audited once and raises one flood signal.
/// </summary>
public sealed partial class MqttPublishTests
{
    /// <summary>One message per 100 s: the burst holds a single message, and no second token can arrive during a test.</summary>
    private const double SlowRate = 0.01;

    [Fact]
    public async Task Publish_OverTheContractRate_IsRefusedQuotaExceededCountedAndAuditedOnce()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewThrottledDeviceAsync(SlowRate);
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);

        var results = new List<MqttClientPublishReasonCode>();
        for (var level = 1; level <= 4; level++)
        {
            results.Add((await client.PublishAsync(device.Reported, $$"""{"level":{{level}}}""")).ReasonCode);
        }

        Assert.Equal(
            [MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.QuotaExceeded, MqttClientPublishReasonCode.QuotaExceeded, MqttClientPublishReasonCode.QuotaExceeded],
            results);
        Assert.Equal(1, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["reported"]?["level"]?.GetValue<double>());
        var activity = await admin.ActivityAsync(device.DeviceId);
        Assert.Equal(3, activity["throttled"]?.GetValue<long>());
        Assert.Equal(1, activity["accepted"]?.GetValue<long>());
        Assert.Equal(device.Reported, (await admin.SingleRefusalAsync("mqtt.throttle", device.DeviceId))["resource"]?.GetValue<string>());
        var signals = await factory.Services.GetRequiredService<IIntegrityStore>()
            .ListSignalsAsync((await factory.TenantAAsync()).Id, device.TwinId, 0, 100, TestContext.Current.CancellationToken);
        Assert.Equal(["flood"], signals.Select(s => s.Kind));
    }

    [Fact]
    public async Task Publish_OverTheContractRateOver311_ClosesTheConnection()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewThrottledDeviceAsync(SlowRate);
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V311);
        Assert.True((await client.PublishAsync(device.Reported, """{"level":1}""")).IsSuccess);

        await client.PublishExpectingDisconnectAsync(device.Reported, """{"level":2}"""u8.ToArray());

        Assert.Equal(1, await admin.CounterAsync(device.DeviceId, "throttled"));
        await admin.SingleRefusalAsync("mqtt.throttle", device.DeviceId);
    }
}
