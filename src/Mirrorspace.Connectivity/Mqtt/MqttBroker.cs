using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mirrorspace.Runtime.Connections;
using Mirrorspace.Security.Tls;
using MQTTnet.Server;

namespace Mirrorspace.Connectivity.Mqtt;

/// <summary>
/// The embedded MQTT broker: TLS always, plain MQTT only on loopback and only when asked. It holds no
/// policy of its own — every decision is the <see cref="MqttBridge"/>'s. Start fails when a port cannot
/// be bound, so a node never runs without the connections it was told to offer.
/// </summary>
/// <remarks>
/// The bridge is resolved at start, not construction: hosted services are all built before the first
/// starts, and the bridge's dependencies need the store the node opens while starting.
/// </remarks>
public sealed partial class MqttBroker(IServiceProvider services, DesiredStateFeed desiredFeed, IOptions<MqttOptions> options, ILogger<MqttBroker> logger)
    : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    /// <summary>The bound TLS endpoint once started (the real port when 0 was configured).</summary>
    public IPEndPoint? TlsEndpoint { get; private set; }

    public IPEndPoint? PlainEndpoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var tls = IPEndPoint.Parse(settings.TlsAddress);
        var certificate = NodeCertificates.Load(
            settings.CertificatePath ?? throw new InvalidOperationException("Mirrorspace:Mqtt:CertificatePath is not set."),
            settings.KeyPath ?? throw new InvalidOperationException("Mirrorspace:Mqtt:KeyPath is not set."));
        var builder = new MqttServerOptionsBuilder()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointPort(tls.Port)
            .WithEncryptionCertificate(certificate)
            .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13)
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .WithPersistentSessions(false);
        var plain = settings.PlainAddress is null ? null : IPEndPoint.Parse(settings.PlainAddress);
        builder = plain is null ? builder.WithoutDefaultEndpoint() : builder.WithDefaultEndpoint().WithDefaultEndpointPort(plain.Port);
        var serverOptions = builder.Build();
        BindTo(serverOptions.TlsEndpointOptions, tls.Address);
        if (plain is not null)
        {
            BindTo(serverOptions.DefaultEndpointOptions, plain.Address);
        }

        // Ask every client for a certificate but let none decide the handshake: a registered
        // certificate identifies its device in the bridge; a client without one logs in with its secret.
        serverOptions.TlsEndpointOptions.ClientCertificateRequired = true;
        serverOptions.TlsEndpointOptions.RemoteCertificateValidationCallback = AcceptForDeviceLookup;

        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        var bridge = services.GetRequiredService<MqttBridge>();
        bridge.Attach(_server);
        desiredFeed.Subscribe(bridge.PublishDesiredAsync);
        await _server.StartAsync().ConfigureAwait(false);

        TlsEndpoint = new IPEndPoint(tls.Address, serverOptions.TlsEndpointOptions.Port);
        LogListening(logger, TlsEndpoint);
        if (plain is not null)
        {
            PlainEndpoint = new IPEndPoint(plain.Address, serverOptions.DefaultEndpointOptions.Port);
            LogPlainListening(logger, PlainEndpoint);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Device certificates are self-issued and pinned by thumbprint, not chained to a CA, so chain
    /// errors are expected; the TLS handshake still proves the client holds the certificate's key.
    /// </summary>
    private static bool AcceptForDeviceLookup(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNotAvailable)) == SslPolicyErrors.None;

    /// <summary>Listens on exactly the one address: MQTTnet otherwise adds the other address family's "any" address.</summary>
    private static void BindTo(MqttServerTcpEndpointBaseOptions endpoint, IPAddress address)
    {
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            endpoint.BoundInterNetworkV6Address = address;
            endpoint.BoundInterNetworkAddress = IPAddress.None;
        }
        else
        {
            endpoint.BoundInterNetworkAddress = address;
            endpoint.BoundInterNetworkV6Address = IPAddress.None;
        }
    }

    [LoggerMessage(EventId = 3050, Level = LogLevel.Information, Message = "MQTT over TLS listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = 3051, Level = LogLevel.Warning, Message = "Plain MQTT (no TLS) listening on {Endpoint}: device secrets cross it unencrypted; loopback only")]
    private static partial void LogPlainListening(ILogger logger, IPEndPoint endpoint);
}
