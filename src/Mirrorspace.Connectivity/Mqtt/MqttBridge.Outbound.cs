using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mirrorspace.Domain;
using Mirrorspace.Runtime.Connections;
using Mirrorspace.Runtime.Twins;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Mirrorspace.Connectivity.Mqtt;

public sealed partial class MqttBridge
{
    /// <summary>Sends a twin's desired state to every connected device of that twin.</summary>
    public Task PublishDesiredAsync(DesiredStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return SendAsync(change.TenantId, change.TwinId, MqttTopics.Desired, DesiredPayload(change.Version, change.DesiredJson), receiver: null);
    }

    /// <summary>Sends a command to the twin's connected devices; the answer is how many devices it was queued for.</summary>
    public async Task<int> PublishCommandAsync(string tenantId, string twinId, string payloadJson)
    {
        var receivers = _connected.Values.Count(s => s.TenantId == tenantId && s.TwinId == twinId);
        await SendAsync(tenantId, twinId, MqttTopics.Commands, payloadJson, receiver: null).ConfigureAwait(false);
        return receivers;
    }

    private async Task SendCurrentDesiredAsync(DeviceSession session)
    {
        var twin = await grains.Twin(session.TenantId, session.TwinId).GetAsync().ConfigureAwait(false);
        if (twin.Outcome is not TwinOutcome.Ok || twin.Snapshot is null)
        {
            return;
        }

        var snapshot = JsonSerializer.Deserialize(twin.Snapshot, DomainJsonContext.Default.TwinSnapshotDocument)!;
        await SendAsync(session.TenantId, session.TwinId, MqttTopics.Desired, DesiredPayload(snapshot.Version, snapshot.Desired.ToJsonString()), session.DeviceId)
            .ConfigureAwait(false);
    }

    private async Task SendAsync(string tenantId, string twinId, string channel, string payload, string? receiver)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        // Never retained: the broker's retained store is keyed by topic alone, and two tenants may both have a 'pump-1'.
        var message = new MqttApplicationMessage
        {
            Topic = MqttTopics.For(twinId, channel),
            Payload = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            ContentType = "application/json",
        };
        var sender = $"{NodeSenderPrefix}{tenantId}/{twinId}" + (receiver is null ? string.Empty : $"#{receiver}");
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = sender }, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// The tenant boundary inside the broker: a message reaches a client only if the node sent it for
    /// that client's own tenant and twin (and, when addressed, to that client alone).
    /// </summary>
    private Task InterceptEnqueueAsync(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        args.AcceptEnqueue = _connected.TryGetValue(args.ReceiverClientId, out var session)
            && !session.IsRevoked
            && IsAddressedTo(args.SenderClientId, session);
        return Task.CompletedTask;
    }

    private static bool IsAddressedTo(string? sender, DeviceSession session)
    {
        if (sender is null || !sender.StartsWith(NodeSenderPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var address = sender.AsSpan(NodeSenderPrefix.Length);
        var hash = address.IndexOf('#');
        var twin = hash < 0 ? address : address[..hash];
        var expected = $"{session.TenantId}/{session.TwinId}";
        return twin.SequenceEqual(expected) && (hash < 0 || address[(hash + 1)..].SequenceEqual(session.DeviceId));
    }

    private Task OnEnqueuedOrDroppedAsync(ApplicationMessageEnqueuedEventArgs args)
    {
        if (args.IsDropped)
        {
            activity.Dropped(args.ReceiverClientId);
            LogDropped(logger, args.ReceiverClientId, args.ApplicationMessage.Topic, Options.MaxPendingMessagesPerClient);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The broker drops the oldest queued message when a client's queue is full (DropOldestQueuedMessage):
    /// that drop is reported here, not as a dropped enqueue, so it is counted here.
    /// </summary>
    private Task OnQueueOverflowAsync(QueueMessageOverwrittenEventArgs args)
    {
        activity.Dropped(args.ReceiverClientId);
        LogDropped(logger, args.ReceiverClientId, (args.Packet as MqttPublishPacket)?.Topic ?? "?", Options.MaxPendingMessagesPerClient);
        return Task.CompletedTask;
    }

    private static string DesiredPayload(long version, string desiredJson) =>
        new JsonObject { ["version"] = version, ["desired"] = JsonNode.Parse(desiredJson) }.ToJsonString();
}
