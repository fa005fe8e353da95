using Mirrorspace.Runtime.Audit;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Mirrorspace.Connectivity.Mqtt;

public sealed partial class MqttBridge
{
    /// <summary>A device subscribes to exactly its own twin's desired or commands topic: no wildcards, no other twin.</summary>
    private async Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        var session = SessionOf(args.SessionItems);
        var topic = args.TopicFilter.Topic;
        string? reason = null;
        if (session is null || session.IsRevoked)
        {
            reason = "no authenticated device";
        }
        else if (MqttTopics.IsWildcard(topic))
        {
            reason = "wildcard subscriptions are not allowed";
        }
        else if (!MqttTopics.TryParse(topic, out var twinId, out var channel) || twinId != session.TwinId || channel == MqttTopics.Reported)
        {
            reason = "not this device's desired or commands topic";
        }

        if (reason is null)
        {
            return;
        }

        args.ProcessSubscription = false;
        args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        args.ReasonString = reason;
        LogSubscriptionRefused(logger, args.ClientId, topic, reason);
        await RecordAsync(AuditActions.MqttSubscribe, session?.TenantId, session?.DeviceId ?? args.ClientId, topic, reason, null).ConfigureAwait(false);
    }

    /// <summary>
    /// Desired state is retained in spirit: a device that (re)subscribes gets the latest at once. The
    /// broker adds the subscription only after this event, so the state is sent once the SUBACK goes out.
    /// </summary>
    private Task OnSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        if (SessionOf(args.SessionItems) is { IsRevoked: false } session
            && MqttTopics.TryParse(args.TopicFilter.Topic, out _, out var channel)
            && channel == MqttTopics.Desired)
        {
            session.DesiredReplayPending = true;
        }

        return Task.CompletedTask;
    }

    private Task InterceptOutboundAsync(InterceptingPacketEventArgs args)
    {
        if (args.Packet is MqttSubAckPacket && SessionOf(args.SessionItems) is { DesiredReplayPending: true } session)
        {
            session.DesiredReplayPending = false;

            // Not awaited: this runs in the connection's send loop, which must stay free to send.
            _ = ReplayDesiredAsync(session);
        }

        return Task.CompletedTask;
    }

    private async Task ReplayDesiredAsync(DeviceSession session)
    {
        try
        {
            await SendCurrentDesiredAsync(session).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogBridgeFailure(logger, ex, "desired replay", session.DeviceId);
        }
    }
}
