using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Connectivity.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.LowLevelClient;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// An MQTT 5 subscriber that reads its connection only when asked. While it does not read, the
/// socket buffers fill and the broker's queue for it grows: the slowest subscriber there can be.
/// (MQTTnet's ordinary client reads the socket eagerly into memory whatever its handler does.)
/// </summary>
public sealed class PausedSubscriber : IAsyncDisposable
{
    private readonly ILowLevelMqttClient _client;
    private readonly NodeTrust _trust;

    private PausedSubscriber(ILowLevelMqttClient client, NodeTrust trust) => (_client, _trust) = (client, trust);

    /// <summary>Connects as the device, subscribes to <paramref name="topic"/> at QoS 1 and then stops reading.</summary>
    public static async Task<PausedSubscriber> ConnectAsync(MirrorspaceFactory factory, RegisteredDevice device, string topic)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(device);
        var endpoint = factory.Services.GetRequiredService<MqttBroker>().TlsEndpoint!;
        var trust = NodeTrust.Of(factory);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Address.ToString(), endpoint.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(Signals.Deadline)
            .WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(trust.Validate))
            .Build();
        var subscriber = new PausedSubscriber(new MqttClientFactory().CreateLowLevelMqttClient(), trust);
        var client = subscriber._client;
        await Signals.WithinDeadlineAsync(
            async ct =>
            {
                await client.ConnectAsync(options, ct);
                await client.SendAsync(
                    new MqttConnectPacket
                    {
                        ClientId = device.DeviceId,
                        Username = device.DeviceId,
                        Password = Encoding.UTF8.GetBytes(device.Secret!),
                        CleanSession = true,
                        KeepAlivePeriod = 0,
                    },
                    ct);
                var connAck = Assert.IsType<MqttConnAckPacket>(await client.ReceiveAsync(ct));
                Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
                await client.SendAsync(
                    new MqttSubscribePacket
                    {
                        PacketIdentifier = 1,
                        TopicFilters = [new MqttTopicFilter { Topic = topic, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }],
                    },
                    ct);
                var subAck = Assert.IsType<MqttSubAckPacket>(await client.ReceiveAsync(ct));
                Assert.Equal(MqttSubscribeReasonCode.GrantedQoS1, Assert.Single(subAck.ReasonCodes));
                return true;
            },
            $"{device.DeviceId} to connect and subscribe to {topic}");
        return subscriber;
    }

    /// <summary>Reads (and acknowledges) the next application message.</summary>
    public Task<ReceivedMessage> ReadAsync(string expectation) =>
        Signals.WithinDeadlineAsync(
            async ct =>
            {
                while (true)
                {
                    var packet = await _client.ReceiveAsync(ct);
                    Assert.True(packet is not null, "The broker closed the connection.");
                    if (packet is MqttPublishPacket publish)
                    {
                        if (publish.QualityOfServiceLevel > MqttQualityOfServiceLevel.AtMostOnce)
                        {
                            await _client.SendAsync(new MqttPubAckPacket { PacketIdentifier = publish.PacketIdentifier }, ct);
                        }

                        return new ReceivedMessage(publish.Topic, Encoding.UTF8.GetString(publish.Payload));
                    }
                }
            },
            expectation);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(Signals.Deadline);
            await _client.DisconnectAsync(timeout.Token);
        }

        _client.Dispose();
        _trust.Dispose();
    }
}
