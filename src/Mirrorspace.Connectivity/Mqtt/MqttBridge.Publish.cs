using System.Text;
using System.Text.Json;
using Mirrorspace.Domain;
using Mirrorspace.Domain.Integrity;
using Mirrorspace.Domain.Models;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Twins;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Mirrorspace.Connectivity.Mqtt;

public sealed partial class MqttBridge
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A device's publish: checked, then stored through the twin. The broker sends the PUBACK only
    /// after this returns, so a QoS 1 reading is acknowledged only once its group commit is durable.
    /// Refusals answer with the MQTT 5 reason code; MQTT 3.1.1 has none, so there the connection closes
    /// rather than acknowledge what was not stored.
    /// </summary>
    private async Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        // The node's own messages (desired state, commands) pass here too; a device's client id is its
        // device id, checked at connect, so it can never carry the node's sender prefix.
        if (args.ClientId.StartsWith(NodeSenderPrefix, StringComparison.Ordinal))
        {
            return;
        }

        // Device messages are never routed on to other clients: the twin is their only destination.
        args.ProcessPublish = false;
        var session = SessionOf(args.SessionItems);
        if (session is null || session.IsRevoked)
        {
            args.CloseConnection = true;
            return;
        }

        try
        {
            var message = args.ApplicationMessage;
            if (message.Payload.Length > Options.MaxMessageBytes)
            {
                activity.Refused(session.DeviceId);
                args.CloseConnection = true;
                await RefusePublishAsync(session, message.Topic, $"message of {message.Payload.Length} bytes is over the {Options.MaxMessageBytes}-byte limit").ConfigureAwait(false);
                return;
            }

            if (!MqttTopics.TryParse(message.Topic, out var twinId, out var channel) || twinId != session.TwinId || channel != MqttTopics.Reported)
            {
                activity.Refused(session.DeviceId);
                Refuse(args, session, MqttPubAckReasonCode.NotAuthorized, "not this device's reported topic");
                await RefusePublishAsync(session, message.Topic, "publish outside the device's own reported topic").ConfigureAwait(false);
                return;
            }

            if (!session.Allowance.TryTake())
            {
                await ThrottleAsync(args, session).ConfigureAwait(false);
                return;
            }

            session.InThrottledRun = false;
            string patch;
            try
            {
                patch = StrictUtf8.GetString(message.Payload);
            }
            catch (DecoderFallbackException)
            {
                activity.Refused(session.DeviceId);
                Refuse(args, session, MqttPubAckReasonCode.PayloadFormatInvalid, "payload is not UTF-8", closeOn311: false);
                await RecordAsync(AuditActions.MqttReading, session.TenantId, session.DeviceId, message.Topic, "payload is not UTF-8", null).ConfigureAwait(false);
                return;
            }

            var answer = await IngestAsync(session, patch).ConfigureAwait(false);
            if (answer.Outcome is TwinOutcome.Ok)
            {
                // Flagged and quarantined readings are stored too (applied as suspect, or held): acknowledged.
                activity.Accepted(session.DeviceId);
                return;
            }

            activity.Refused(session.DeviceId);
            var reason = answer.Detail ?? (answer.Errors.Count > 0 ? $"{answer.Errors[0].Path}: {answer.Errors[0].Message}" : answer.Outcome.ToString());

            // A reading that fails authenticity or freshness (a finding says which) is not authorized; a malformed one is invalid.
            var code = answer.Outcome is TwinOutcome.NotFound || answer.Findings.Count > 0
                ? MqttPubAckReasonCode.NotAuthorized
                : MqttPubAckReasonCode.PayloadFormatInvalid;

            // Invalid data is answered, not retried: on 3.1.1 it is acknowledged (resending cannot fix it) and the refusal is audited.
            Refuse(args, session, code, reason, closeOn311: answer.Outcome is TwinOutcome.NotFound);
            await RecordAsync(AuditActions.MqttReading, session.TenantId, session.DeviceId, message.Topic, reason, null).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not stored: never acknowledge. The device resends after it reconnects.
            LogBridgeFailure(logger, ex, "publish", session.DeviceId);
            Refuse(args, session, MqttPubAckReasonCode.UnspecifiedError, "the reading could not be stored");
        }
    }

    private Task<ReadingResult> IngestAsync(DeviceSession session, string payload) =>
        ingestion.IngestAsync(new Reading(session.TenantId, session.TwinId, payload, session.Source, ReadingChannel.Mqtt, session.DeviceId));

    private async Task ThrottleAsync(InterceptingPublishEventArgs args, DeviceSession session)
    {
        activity.Throttled(session.DeviceId);
        Refuse(args, session, MqttPubAckReasonCode.QuotaExceeded, $"over the contract rate of {session.Allowance.RatePerSecond} messages/s");
        if (!session.InThrottledRun)
        {
            session.InThrottledRun = true;
            LogThrottled(logger, session.DeviceId, session.Allowance.RatePerSecond);
            await ingestion.SignalAsync(
                session.TenantId, session.TwinId, session.DeviceId, SignalKind.Flood,
                $"Over the sync contract's {session.Allowance.RatePerSecond} messages/s; the excess is refused and counted.").ConfigureAwait(false);
            await RecordAsync(
                AuditActions.MqttThrottle, session.TenantId, session.DeviceId, args.ApplicationMessage.Topic,
                $"over the contract rate of {session.Allowance.RatePerSecond} messages/s", null).ConfigureAwait(false);
        }
    }

    private static void Refuse(InterceptingPublishEventArgs args, DeviceSession session, MqttPubAckReasonCode code, string reason, bool closeOn311 = true)
    {
        if (session.HasReasonCodes)
        {
            args.Response.ReasonCode = code;
            args.Response.ReasonString = reason;
        }
        else if (closeOn311)
        {
            args.CloseConnection = true;
        }
    }

    private async Task RefusePublishAsync(DeviceSession session, string topic, string reason)
    {
        LogPublishRefused(logger, session.DeviceId, topic, reason);
        await RecordAsync(AuditActions.MqttPublish, session.TenantId, session.DeviceId, topic, reason, null).ConfigureAwait(false);
    }

    private async Task<TwinModel?> ModelOf(string tenantId, string snapshotJson)
    {
        var snapshot = JsonSerializer.Deserialize(snapshotJson, DomainJsonContext.Default.TwinSnapshotDocument);
        return snapshot is null ? null : await models.GetAsync(tenantId, snapshot.ModelId, snapshot.ModelVersion, CancellationToken.None).ConfigureAwait(false);
    }
}
