using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mirrorspace.Connectivity.Devices;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Storage.Devices;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Mirrorspace.Connectivity.Mqtt;

/// <summary>
/// Everything the broker decides, in one place: who a connection is (device secret or client
/// certificate), what it may publish and subscribe to (its own twin's topics, nothing else), how fast
/// (its model's sync contract), and the hand-over of readings to the twin. The broker's events only
/// call in here. Device publishes are never routed to other clients; the only messages the broker
/// delivers are the node's own (desired state, commands), each addressed to one twin of one tenant.
/// </summary>
public sealed partial class MqttBridge(
    IDeviceStore devices,
    ReadingIngestion ingestion,
    IGrainFactory grains,
    ModelCatalog models,
    AuditLog audit,
    DeviceActivity activity,
    TimeProvider clock,
    IOptions<MqttOptions> options,
    ILogger<MqttBridge> logger)
{
    private const string SessionKey = "mirrorspace.device";

    /// <summary>Messages from the node carry this sender id prefix; device client ids (<c>dev-…</c>) can never start with it.</summary>
    private const string NodeSenderPrefix = "$mirrorspace:";

    // Client id (= device id) to its live session. The broker's own session items can outlive a
    // connection (session takeover reuses them), so this map is the authority.
    private readonly ConcurrentDictionary<string, DeviceSession> _connected = new(StringComparer.Ordinal);

    // Per device, not per connection: a device that reconnects must not come back with a fresh burst.
    private readonly ConcurrentDictionary<string, TokenBucket> _allowances = new(StringComparer.Ordinal);
    private MqttServer? _server;

    internal void Attach(MqttServer server)
    {
        _server = server;
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.ClientConnectedAsync += OnConnectedAsync;
        server.ClientDisconnectedAsync += OnDisconnectedAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        server.ClientSubscribedTopicAsync += OnSubscribedAsync;
        server.InterceptingClientEnqueueAsync += InterceptEnqueueAsync;
        server.ApplicationMessageEnqueuedOrDroppedAsync += OnEnqueuedOrDroppedAsync;
        server.QueuedApplicationMessageOverwrittenAsync += OnQueueOverflowAsync;
        server.InterceptingOutboundPacketAsync += InterceptOutboundAsync;
    }

    /// <summary>How many devices of the tenant are connected now.</summary>
    public int ConnectionCount(string tenantId) => _connected.Values.Count(s => s.TenantId == tenantId);

    public bool IsConnected(string deviceId) => _connected.ContainsKey(deviceId);

    /// <summary>Drops the device's live connection at once (credential disabled, rotated or deleted).</summary>
    public async Task DisconnectAsync(string deviceId, string reason)
    {
        if (_connected.TryRemove(deviceId, out var session))
        {
            session.Revoke();
            activity.Connected(deviceId, false);
        }

        if (_server is { IsStarted: true } server)
        {
            var clients = await server.GetClientsAsync().ConfigureAwait(false);
            if (clients.Any(c => c.Id == deviceId))
            {
                await server.DisconnectClientAsync(
                    deviceId,
                    new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized, ReasonString = reason })
                    .ConfigureAwait(false);
                LogDisconnected(logger, deviceId, reason);
            }
        }
    }

    /// <summary>Forgets a deleted device's allowance.</summary>
    public void Forget(string deviceId) => _allowances.TryRemove(deviceId, out _);

    /// <summary>The device's allowance at its model's contract rate; a new one only when the rate changed.</summary>
    private TokenBucket AllowanceOf(string deviceId, double ratePerSecond) =>
        _allowances.AddOrUpdate(
            deviceId,
            _ => new TokenBucket(ratePerSecond, Options.BurstSeconds, clock),
            (_, existing) => existing.RatePerSecond.Equals(ratePerSecond) ? existing : new TokenBucket(ratePerSecond, Options.BurstSeconds, clock));

    private static DeviceSession? SessionOf(System.Collections.IDictionary items) =>
        items.Contains(SessionKey) ? items[SessionKey] as DeviceSession : null;

    private MqttOptions Options => options.Value;
}
