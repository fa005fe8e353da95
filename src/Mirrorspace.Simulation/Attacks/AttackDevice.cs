using System.Text;
using Microsoft.Extensions.Logging;
using Mirrorspace.Simulation.Devices;
using Mirrorspace.Simulation.Mqtt;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Mirrorspace.Simulation.Attacks;

/// <summary>
/// A device of the attack scenario: plays its twin's plan over its own MQTT 5 connection, one tick per
/// interval of the steady rate, signing every reading with its HS256 key, and writes down every message
/// with the node's answer. Like <see cref="SimulatedDevice"/> it waits for each PUBACK before the next
/// publish, which is also what lets the node's signals be matched to the message that caused them.
/// </summary>
public sealed partial class AttackDevice : IConnectingDevice, IDisposable
{
    /// <summary>How many recent accepted readings are kept to replay: the oldest is replayed, never the last (a retransmission).</summary>
    private const int ReplayDepth = 10;

    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly ConnectionSettings _settings;
    private readonly ReadingSigner _signer;
    private readonly MeterReadings _meter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Queue<string> _recentlyAccepted = new(ReplayDepth + 1);
    private readonly List<SentMessage> _messages = [];
    private readonly List<DateTimeOffset> _tickTimes = [];
    private int _ticksPlayed;

    public AttackDevice(
        DeviceIdentity identity, ReadOnlySpan<byte> signingKey, TwinPlan plan, MeterReadings meter, ConnectionSettings settings, TimeProvider time, ILogger logger)
    {
        Identity = identity;
        Plan = plan;
        _meter = meter;
        _settings = settings;
        _time = time;
        _logger = logger;
        _signer = new ReadingSigner(signingKey, time);
        _options = DeviceClientOptions.For(identity, settings);
        _client = new MqttClientFactory().CreateMqttClient();
    }

    public DeviceIdentity Identity { get; }

    public TwinPlan Plan { get; }

    /// <summary>Every message sent, in order. Read it once the run is over.</summary>
    public IReadOnlyList<SentMessage> Messages => _messages;

    /// <summary>When each tick played so far began; ticks past its end were never reached. Read it once the run is over.</summary>
    public IReadOnlyList<DateTimeOffset> TickTimes => _tickTimes;

    /// <summary>How many ticks have been played; safe to read while the run goes on.</summary>
    public int TicksPlayed => Volatile.Read(ref _ticksPlayed);

    /// <summary>Connects; null when done, otherwise why not.</summary>
    public async Task<string?> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connected = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
            return connected.ResultCode is MqttClientConnectResultCode.Success ? null : $"{connected.ResultCode} {connected.ReasonString}".TrimEnd();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return ex.GetBaseException().Message;
        }
    }

    /// <summary>One clean reading outside the plan, for measuring the node's clock before the run.</summary>
    public Task<SentMessage> PublishCleanAsync(CancellationToken cancellationToken) => PublishAsync(-1, null, _signer.Sign(_meter.Clean()), cancellationToken);

    /// <summary>Plays the plan at <paramref name="ratePerSecond"/> ticks per second until its end or until cancelled.</summary>
    /// <param name="floodMessages">How many messages a flood sends back to back.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Spreading publish times, not a secret.")]
    public async Task RunAsync(double ratePerSecond, int floodMessages, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / ratePerSecond);
        try
        {
            // Spread over one interval, so that the devices do not all publish at the same instant.
            await Task.Delay(interval * Random.Shared.NextDouble(), _time, cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(interval, _time);
            for (var tick = 0; tick < Plan.Ticks; tick++)
            {
                // A late tick is not made up for with extra readings: the plan counts ticks, not time.
                if (tick > 0 && !await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                _tickTimes.Add(_time.GetUtcNow());
                await PlayAsync(tick, floodMessages, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _ticksPlayed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped early: the report covers the ticks played.
        }
    }

    /// <summary>Says goodbye to the broker; a connection that is already gone is fine.</summary>
    public async Task DisconnectAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
        {
            // Nothing is left to say to a broker that is gone.
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task PlayAsync(int tick, int floodMessages, CancellationToken cancellationToken)
    {
        if (Plan.At(tick) is not { } injection)
        {
            var payload = _signer.Sign(_meter.Clean());
            if ((await PublishAsync(tick, null, payload, cancellationToken).ConfigureAwait(false)).Accepted)
            {
                _recentlyAccepted.Enqueue(payload);
                if (_recentlyAccepted.Count > ReplayDepth)
                {
                    _recentlyAccepted.Dequeue();
                }
            }

            return;
        }

        var step = tick - injection.FirstTick;
        switch (injection.Class)
        {
            case AttackClass.Spoof:
                // The attacker knows the protocol and the sequence, not the key.
                await PublishAsync(tick, injection.Id, ReadingSigner.Forger(_time, _signer.NextSequence).Sign(_meter.Clean()), cancellationToken).ConfigureAwait(false);
                break;
            case AttackClass.Replay when _recentlyAccepted.TryPeek(out var earlier):
                await PublishAsync(tick, injection.Id, earlier, cancellationToken).ConfigureAwait(false);
                break;
            case AttackClass.Replay:
                LogNothingToReplay(_logger, Identity.DeviceId, tick);
                break;
            case AttackClass.Flood when step == 0:
                for (var i = 0; i < floodMessages; i++)
                {
                    await PublishAsync(tick, injection.Id, _signer.Sign(MeterReadings.Beat()), cancellationToken).ConfigureAwait(false);
                }

                break;
            case AttackClass.Flood or AttackClass.Stale:
                // Silence: after a flood while the allowance refills, or the whole of a stop.
                break;
            default:
                await PublishAsync(tick, injection.Id, _signer.Sign(_meter.Faulty(injection, step)), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task<SentMessage> PublishAsync(int tick, int? injectionId, string payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected && await ConnectAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            LogLost(_logger, Identity.DeviceId, failure);
            return Record(new SentMessage(tick, injectionId, _time.GetUtcNow(), null, null, failure));
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Identity.ReportedTopic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/jose")
            .Build();
        var sentAt = _time.GetUtcNow();
        try
        {
            // Not the run's token: a message on its way is waited for, so every one has its answer or is known lost.
            using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
            var result = await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
            return Record(new SentMessage(tick, injectionId, sentAt, _time.GetUtcNow(), (int)result.ReasonCode, result.ReasonString));
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
        {
            LogLost(_logger, Identity.DeviceId, ex.GetBaseException().Message);
            return Record(new SentMessage(tick, injectionId, sentAt, null, null, ex.GetBaseException().Message));
        }
    }

    private SentMessage Record(SentMessage message)
    {
        _messages.Add(message);
        return message;
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Attack device {DeviceId}: a message got no answer ({Reason})")]
    private static partial void LogLost(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Attack device {DeviceId}: no accepted reading to replay at tick {Tick}")]
    private static partial void LogNothingToReplay(ILogger logger, string deviceId, int tick);
}
