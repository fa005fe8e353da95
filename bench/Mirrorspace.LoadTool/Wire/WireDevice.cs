using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Mirrorspace.Simulation;
using Mirrorspace.Simulation.Behaviour;
using Mirrorspace.Simulation.Devices;
using Mirrorspace.Simulation.Metrics;
using Mirrorspace.Simulation.Mqtt;
using MQTTnet;

namespace Mirrorspace.LoadTool.Wire;

/// <summary>
/// A load device that writes its MQTT 5 packets straight onto its TLS stream: connect, then QoS 1
/// readings one at a time, each waiting for its PUBACK. It has the simulator's credentials, value
/// model and counters, but none of a full client's machinery (receive and send loops, keep-alive,
/// reconnects, subscriptions): on two shared cores every microsecond the generator spends is one the
/// broker under test does not get. A device whose connection fails stops and counts its reading lost.
/// </summary>
internal sealed class WireDevice(DeviceIdentity identity, DeviceBehaviour behaviour, BrokerAddress broker, CertificateAuthorityTrust trust, SimulationCounters counters, SimulationClock clock)
    : ILoadDevice
{
    private const ushort KeepAliveSeconds = 300;
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private readonly byte[] _topic = Encoding.UTF8.GetBytes(identity.ReportedTopic);
    private readonly CancellationTokenSource _answerTimeout = new();
    private TcpClient? _tcp;
    private SslStream? _tls;
    private byte[] _send = new byte[256];
    private byte[] _receive = new byte[256];
    private int _receiveStart;
    private int _receiveEnd;
    private ushort _lastPacketId;

    public DeviceIdentity Identity { get; } = identity;

    public async Task<string?> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            _tcp = new TcpClient { NoDelay = true };
            await _tcp.ConnectAsync(broker.Host, broker.Port, cancellationToken);
            _tls = new SslStream(_tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, errors) => trust.Validate(certificate, errors));
            await _tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = broker.Host }, cancellationToken);
            await _tls.WriteAsync(MqttPackets.Connect(Identity.DeviceId, Identity.DeviceId, Identity.Secret, KeepAliveSeconds), cancellationToken);
            var (type, body, length) = await ReadPacketAsync(cancellationToken);
            if (type != MqttPackets.ConnAck || length < 2)
            {
                return $"expected CONNACK, got packet type {type}";
            }

            var reason = _receive[body + 1];
            return reason < 0x80 ? null : $"connection refused with reason code 0x{reason:X2}";
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException)
        {
            return ex.GetBaseException().Message;
        }
    }

    public Task RunAsync(double ratePerSecond, CancellationToken cancellationToken) =>
        PublishPacing.RunAsync(PublishOnceAsync, ratePerSecond, clock.Provider, cancellationToken);

    public async Task DisconnectAsync()
    {
        if (_tls is null)
        {
            return;
        }

        try
        {
            await _tls.WriteAsync(MqttPackets.NormalDisconnect);
            await _tls.ShutdownAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Already gone: nothing to say goodbye to.
        }
    }

    public void Dispose()
    {
        _tls?.Dispose();
        _tcp?.Dispose();
        _answerTimeout.Dispose();
    }

    /// <summary>
    /// Publishes one reading and waits for its PUBACK. Not under the run's token: a reading on its way
    /// is waited for, so the acknowledged count matches what the broker took even when the run stops.
    /// </summary>
    private async Task<bool> PublishOnceAsync(CancellationToken cancellationToken)
    {
        if (_tls is not { } tls)
        {
            return false;
        }

        var reading = behaviour.NextReading(clock.Now);
        if (reading.Count == 0)
        {
            return true;
        }

        var packetId = _lastPacketId = (ushort)(_lastPacketId % ushort.MaxValue + 1);
        var length = MqttPackets.WritePublish(ref _send, _topic, packetId, reading.ToJsonString());
        counters.Published();
        var sent = clock.Provider.GetTimestamp();
        byte reason;
        try
        {
            _answerTimeout.CancelAfter(AnswerTimeout);
            await tls.WriteAsync(_send.AsMemory(0, length), _answerTimeout.Token);
            reason = await ReadPubAckAsync(packetId, _answerTimeout.Token);
            if (!_answerTimeout.TryReset())
            {
                throw new OperationCanceledException("the answer timed out");
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            counters.Lost();
            behaviour.NotStored();
            _tls = null;
            tls.Dispose();
            return false;
        }

        // MQTT 5: reason codes below 0x80 are successes (mosquitto answers "no matching subscribers").
        if (reason < 0x80)
        {
            counters.Acknowledged(clock.Provider.GetElapsedTime(sent));
            behaviour.Stored(clock.Now);
        }
        else
        {
            counters.Refused((MqttClientPublishReasonCode)reason);
            behaviour.NotStored();
        }

        return true;
    }

    private async Task<byte> ReadPubAckAsync(ushort packetId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (type, body, length) = await ReadPacketAsync(cancellationToken);
            if (type == MqttPackets.Disconnect)
            {
                throw new IOException($"the broker disconnected with reason code 0x{(length > 0 ? _receive[body] : 0):X2}");
            }

            // A PUBACK without a reason code (remaining length 2) means success. The device
            // subscribes to nothing, so any other packet is not for it and is skipped.
            if (type == MqttPackets.PubAck && length >= 2 && (_receive[body] << 8 | _receive[body + 1]) == packetId)
            {
                return length > 2 ? _receive[body + 2] : (byte)0;
            }
        }
    }

    /// <summary>The next whole packet in the receive buffer: its type, where its body starts and how long it is. Valid until the next read.</summary>
    private async ValueTask<(byte Type, int Body, int Length)> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var tls = _tls ?? throw new IOException("not connected");
        while (true)
        {
            var needed = MqttPackets.MaxFixedHeader;
            if (MqttPackets.TryReadFixedHeader(_receive.AsSpan(_receiveStart, _receiveEnd - _receiveStart), out var type, out var header, out var remaining))
            {
                needed = header + remaining;
                if (_receiveEnd - _receiveStart >= needed)
                {
                    var body = _receiveStart + header;
                    _receiveStart += needed;
                    return (type, body, remaining);
                }
            }

            MakeRoom(needed);
            var read = await tls.ReadAsync(_receive.AsMemory(_receiveEnd), cancellationToken);
            if (read == 0)
            {
                throw new IOException("the broker closed the connection");
            }

            _receiveEnd += read;
        }
    }

    /// <summary>Moves the unread bytes to the front of the buffer, growing it so that a packet of <paramref name="packetLength"/> fits.</summary>
    private void MakeRoom(int packetLength)
    {
        var unread = _receiveEnd - _receiveStart;
        var target = packetLength > _receive.Length ? new byte[packetLength * 2] : _receive;
        _receive.AsSpan(_receiveStart, unread).CopyTo(target);
        (_receive, _receiveStart, _receiveEnd) = (target, 0, unread);
    }
}
