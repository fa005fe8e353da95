using System.Collections.Concurrent;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// A subscriber that reads slowly still gets every command the node acknowledged: the broker queues up
/// to MaxPendingMessagesPerClient (10,000 by default) for it, far more than a burst of 3,000.
/// </summary>
public sealed partial class MqttDeliveryTests
{
    private const int CommandCount = 3_000;

    [Fact]
    public async Task Commands_ToASubscriberThatReadsSlowly_AreAllDelivered()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var subscriber = await PausedSubscriber.ConnectAsync(factory, device, device.Commands);

        // 8 KiB each, 24 MB in all: more than the socket buffers hold, so most wait in the broker's queue.
        var arguments = $$"""{"note":"{{new string('x', 8 * 1024)}}"}""";
        var sent = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, CommandCount, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, async (_, _) =>
            sent.Add(await admin.SendAcceptedCommandAsync(device.TwinId, "calibrate", arguments)));

        var received = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < CommandCount; i++)
        {
            var message = await subscriber.ReadAsync($"command {i + 1} of {CommandCount}");
            Assert.True(received.Add(message.Json["commandId"]!.GetValue<string>()), "A command arrived twice.");
        }

        Assert.Equal(sent.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        Assert.Equal(0, await admin.CounterAsync(device.DeviceId, "dropped"));
    }
}
