using System.Collections.Concurrent;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// When a subscriber falls more than MaxPendingMessagesPerClient behind, the broker drops its oldest
/// queued messages, and every drop is counted on the device (activity.dropped): each command the node
/// accepted is either delivered or counted, never silently gone.
/// </summary>
public sealed partial class MqttLimitsTests
{
    private const int OverflowCommandCount = 300;

    [Fact]
    public async Task Commands_BeyondTheQueueOfASlowSubscriber_AreDroppedAndCounted()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(SampleModels.AllFileNames());
        using var admin = factory.CreateClient(tenant.AdminKey);
        var device = await admin.NewPumpDeviceAsync();
        await using var subscriber = await PausedSubscriber.ConnectAsync(factory, device, device.Commands);

        // 64 KiB each, about 19 MB in all: far more than the socket buffers and a 100-message queue hold.
        var arguments = $$"""{"note":"{{new string('x', 64 * 1024)}}"}""";
        var sent = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, OverflowCommandCount, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, async (_, _) =>
            sent.Add(await admin.SendAcceptedCommandAsync(device.TwinId, "calibrate", arguments)));
        var dropped = await admin.CounterAsync(device.DeviceId, "dropped");

        Assert.True(dropped > 0, "A subscriber this far behind must lose messages, and the losses must be counted.");
        var received = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < OverflowCommandCount - dropped; i++)
        {
            received.Add((await subscriber.ReadAsync($"delivered command {i + 1} of {OverflowCommandCount - dropped}")).Json["commandId"]!.GetValue<string>());
        }

        // A last command shows that nothing beyond the counted ones was still on its way.
        var last = await admin.SendAcceptedCommandAsync(device.TwinId, "restart");
        Assert.Equal(last, (await subscriber.ReadAsync("the last command")).Json["commandId"]?.GetValue<string>());
        Assert.Equal(OverflowCommandCount - dropped, received.Count);
        Assert.Subset(sent.ToHashSet(StringComparer.Ordinal), received);
    }
}
