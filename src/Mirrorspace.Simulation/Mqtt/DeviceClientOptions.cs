using MQTTnet;
using MQTTnet.Formatter;

namespace Mirrorspace.Simulation.Mqtt;

/// <summary>The MQTT 5 options of one device: its id as client id and user name, its secret as password, TLS always.</summary>
public static class DeviceClientOptions
{
    public static MqttClientOptions For(DeviceIdentity identity, ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(settings);
        var trust = settings.Trust;
        return new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Broker.Host, settings.Broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(identity.DeviceId)
            .WithCredentials(identity.DeviceId, identity.Secret)
            .WithCleanStart(true)
            .WithTimeout(settings.Timeout)
            .WithKeepAlivePeriod(settings.KeepAlive)
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(settings.Broker.Host);
                if (trust is not null)
                {
                    tls.WithCertificateValidationHandler(e => trust.Validate(e.Certificate, e.SslPolicyErrors));
                }
            })
            .Build();
    }
}
