using System.Text;
using Microsoft.Extensions.Logging;
using Mirrorspace.Simulation.Behaviour;
using Mirrorspace.Simulation.Metrics;
using Mirrorspace.Simulation.Mqtt;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Mirrorspace.Simulation.Devices;

/// <summary>
/// One simulated device on its own MQTT 5 connection: publishes its readings with QoS 1, one at a time
/// (the next waits for the PUBACK, as a constrained device would), follows the desired state the node
/// sends, logs commands, and reconnects when the connection drops.
/// </summary>
public sealed partial class SimulatedDevice : IConnectingDevice, IDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly DeviceBehaviour _behaviour;
    private readonly ConnectionSettings _settings;
    private readonly SimulationCounters _counters;
    private readonly SimulationClock _clock;
    private readonly ILogger _logger;
    private readonly HashSet<MqttClientPublishReasonCode> _refusalsLogged = [];

    public SimulatedDevice(
        DeviceIdentity identity, DeviceBehaviour behaviour, ConnectionSettings settings, SimulationCounters counters, SimulationClock clock, ILogger logger)
    {
        Identity = identity;
        _behaviour = behaviour;
        _settings = settings;
        _counters = counters;
        _clock = clock;
        _logger = logger;
        _options = DeviceClientOptions.For(identity, settings);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public DeviceIdentity Identity { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects and subscribes to the twin's desired and commands topics; null when done, otherwise why not.</summary>
    public async Task<string?> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connected = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
            if (connected.ResultCode is not MqttClientConnectResultCode.Success)
            {
                return string.IsNullOrEmpty(connected.ReasonString) ? $"{connected.ResultCode}" : $"{connected.ResultCode} ({connected.ReasonString})";
            }

            var subscription = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(Identity.DesiredTopic, MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(Identity.CommandsTopic, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var subscribed = await _client.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
            var refused = subscribed.Items.FirstOrDefault(i => (int)i.ResultCode >= 0x80);
            return refused is null ? null : $"subscription to {refused.TopicFilter.Topic} refused: {refused.ResultCode}";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // TLS and socket failures arrive wrapped; the innermost message names the cause.
            return ex.GetBaseException().Message;
        }
    }

    /// <summary>
    /// Publishes readings at <paramref name="ratePerSecond"/> (0: as fast as the acknowledgements come
    /// back) until cancelled. A reading already sent is always waited for, so every publish is counted
    /// as exactly one outcome.
    /// </summary>
    public Task RunAsync(double ratePerSecond, CancellationToken cancellationToken) =>
        PublishPacing.RunAsync(PublishOnceAsync, ratePerSecond, _clock.Provider, cancellationToken);

    /// <summary>Says goodbye to the broker (a clean MQTT DISCONNECT); a connection that is already gone is fine.</summary>
    public async Task DisconnectAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_settings.Timeout, _clock.Provider);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
        {
            var reason = ex.GetBaseException().Message;
            LogDisconnectFailed(_logger, Identity.DeviceId, reason);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Publishes one reading and waits for its answer; a dropped connection is reconnected first. Always true: a simulated device keeps going.</summary>
    private async Task<bool> PublishOnceAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            await ReconnectAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        var reading = _behaviour.NextReading(_clock.Now);
        if (reading.Count == 0)
        {
            return true;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Identity.ReportedTopic)
            .WithPayload(Encoding.UTF8.GetBytes(reading.ToJsonString()))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();
        _counters.Published();
        var sent = _clock.Provider.GetTimestamp();
        MqttClientPublishResult result;
        try
        {
            // Not the run's token: a reading on its way is waited for, so the count of acknowledged
            // readings matches what the node stored even when the run stops mid-publish.
            using var timeout = new CancellationTokenSource(_settings.Timeout, _clock.Provider);
            result = await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
        {
            _counters.Lost();
            _behaviour.NotStored();
            LogLost(_logger, Identity.DeviceId, ex.GetBaseException().Message);
            return true;
        }

        // MQTT 5: reason codes below 0x80 are successes (mosquitto answers NoMatchingSubscribers when nobody listens).
        if ((int)result.ReasonCode < 0x80)
        {
            _counters.Acknowledged(_clock.Provider.GetElapsedTime(sent));
            _behaviour.Stored(_clock.Now);
            return true;
        }

        _counters.Refused(result.ReasonCode);
        _behaviour.NotStored();
        if (_refusalsLogged.Add(result.ReasonCode))
        {
            LogRefused(_logger, Identity.DeviceId, result.ReasonCode, result.ReasonString ?? string.Empty);
        }

        return true;
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            await Task.Delay(delay, _clock.Provider, cancellationToken).ConfigureAwait(false);
            var failure = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                _counters.Reconnected();
                LogReconnected(_logger, Identity.DeviceId);
                return;
            }

            LogReconnectFailed(_logger, Identity.DeviceId, failure);
            delay = delay * 2 < _settings.MaxReconnectDelay ? delay * 2 : _settings.MaxReconnectDelay;
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var payload = args.ApplicationMessage.ConvertPayloadToString();
        if (topic == Identity.DesiredTopic)
        {
            _counters.DesiredReceived();
            if (DesiredMessage.TryParse(payload) is not { } desired)
            {
                LogUnreadable(_logger, Identity.DeviceId, topic);
            }
            else if (_behaviour.ApplyDesired(desired.Version, desired.Desired) && _logger.IsEnabled(LogLevel.Information))
            {
                var properties = string.Join(", ", desired.Desired.Select(p => p.Key));
                LogDesired(_logger, Identity.DeviceId, desired.Version, properties);
            }
        }
        else if (topic == Identity.CommandsTopic)
        {
            _counters.CommandReceived();
            if (CommandMessage.TryParse(payload) is { } command)
            {
                LogCommand(_logger, Identity.DeviceId, command.Name, command.CommandId);
            }
            else
            {
                LogUnreadable(_logger, Identity.DeviceId, topic);
            }
        }

        return Task.CompletedTask;
    }
}
