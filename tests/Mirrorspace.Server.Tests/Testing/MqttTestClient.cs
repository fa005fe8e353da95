using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Connectivity.Mqtt;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// A device's MQTT connection (MQTTnet) to the test node's broker, over TLS trusting only the node's
/// CA. It keeps what it receives and tells when the broker drops it; every wait has a deadline.
/// </summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly NodeTrust _trust;
    private readonly Channel<ReceivedMessage> _received = Channel.CreateUnbounded<ReceivedMessage>();
    private readonly TaskCompletionSource<MqttClientDisconnectedEventArgs> _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MqttTestClient(IMqttClient client, NodeTrust trust)
    {
        (_client, _trust) = (client, trust);
        client.ApplicationMessageReceivedAsync += args =>
        {
            _received.Writer.TryWrite(new ReceivedMessage(args.ApplicationMessage.Topic, args.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += args =>
        {
            if (args.ClientWasConnected)
            {
                _dropped.TrySetResult(args);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>What the broker answered the CONNECT with.</summary>
    public MqttClientConnectResult ConnectResult { get; private set; } = new();

    public bool IsConnected => _client.IsConnected;

    /// <summary>Messages received and not yet taken.</summary>
    public int Unread => _received.Reader.Count;

    /// <summary>Connects a device with its secret and must be accepted.</summary>
    public static async Task<MqttTestClient> ConnectDeviceAsync(MirrorspaceFactory factory, RegisteredDevice device, MqttProtocolVersion protocol)
    {
        ArgumentNullException.ThrowIfNull(device);
        var client = await ConnectAsync(factory, protocol, device.DeviceId, device.DeviceId, device.Secret);
        Assert.True(
            client.ConnectResult.ResultCode == MqttClientConnectResultCode.Success,
            $"Device {device.DeviceId} was refused: {client.ConnectResult.ResultCode} {client.ConnectResult.ReasonString}");
        return client;
    }

    /// <summary>Connects with exactly these credentials; look at <see cref="ConnectResult"/> for the answer.</summary>
    public static async Task<MqttTestClient> ConnectAsync(
        MirrorspaceFactory factory, MqttProtocolVersion protocol, string clientId, string? userName, string? password, DeviceCertificate? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var endpoint = factory.Services.GetRequiredService<MqttBroker>().TlsEndpoint
            ?? throw new InvalidOperationException("The test node's broker is not listening.");
        var trust = NodeTrust.Of(factory);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Address.ToString(), endpoint.Port)
            .WithProtocolVersion(protocol)
            .WithClientId(clientId)
            .WithTimeout(Signals.Deadline)
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithCertificateValidationHandler(trust.Validate);
                if (certificate is not null)
                {
                    tls.WithClientCertificates([certificate.Certificate]);
                }
            });
        if (userName is not null)
        {
            options.WithCredentials(userName, password);
        }

        var client = new MqttTestClient(new MqttClientFactory().CreateMqttClient(), trust);
        client.ConnectResult = await Signals.WithinDeadlineAsync(ct => client._client.ConnectAsync(options.Build(), ct), $"the CONNACK for {clientId}");
        return client;
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload) => PublishAsync(topic, Encoding.UTF8.GetBytes(payload));

    /// <summary>Publishes at QoS 1 and waits for the PUBACK.</summary>
    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return Signals.WithinDeadlineAsync(ct => _client.PublishAsync(message, ct), $"the PUBACK on {topic}");
    }

    /// <summary>
    /// A publish the broker answers by closing the connection (MQTT 3.1.1 has no refusal code): no PUBACK
    /// comes, and the connection is gone.
    /// </summary>
    public async Task PublishExpectingDisconnectAsync(string topic, byte[] payload)
    {
        var failure = await Record.ExceptionAsync(() => PublishAsync(topic, payload));
        Assert.True(failure is MqttCommunicationException or OperationCanceledException, $"Expected no PUBACK, got {failure?.ToString() ?? "a PUBACK"}.");
        await DroppedAsync($"the broker to close the connection after the publish on {topic}");
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string topic)
    {
        var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await Signals.WithinDeadlineAsync(ct => _client.SubscribeAsync(options, ct), $"the SUBACK for {topic}");
        return Assert.Single(result.Items).ResultCode;
    }

    /// <summary>Subscribes and asserts that the broker granted it.</summary>
    public async Task SubscribeGrantedAsync(string topic) =>
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(topic));

    public Task UnsubscribeAsync(string topic) =>
        Signals.WithinDeadlineAsync(ct => _client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(topic).Build(), ct), $"the UNSUBACK for {topic}");

    /// <summary>The next message, in the order the broker sent them.</summary>
    public Task<ReceivedMessage> NextMessageAsync(string expectation) =>
        _received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WithinDeadlineAsync(expectation);

    /// <summary>Completes when the broker drops the connection.</summary>
    public Task<MqttClientDisconnectedEventArgs> DroppedAsync(string expectation) => _dropped.Task.WithinDeadlineAsync(expectation);

    public Task DisconnectAsync() =>
        Signals.WithinDeadlineAsync(async ct =>
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
            return true;
        }, "a clean disconnect");

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.TryDisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection, null);
        }

        _client.Dispose();
        _trust.Dispose();
    }
}
