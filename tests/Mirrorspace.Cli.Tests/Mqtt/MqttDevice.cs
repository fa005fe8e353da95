using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace Mirrorspace.Cli.Tests.Mqtt;

/// <summary>A device of a real node: registered through the API, connected over TLS trusting only the node's CA.</summary>
internal sealed class MqttDevice(IMqttClient client, string twinId) : IDisposable
{
    public static async Task<MqttDevice> RegisterAndConnectAsync(HttpClient http, JsonObject started, string dataDirectory, string twinId, CancellationToken cancellationToken)
    {
        var registration = await NodeApi.PostJsonAsync(http, "/api/v1/devices", $$"""{"twinId":"{{twinId}}"}""");
        var deviceId = registration["device"]!["deviceId"]!.GetValue<string>();
        var broker = new Uri(started["mqtt"]!.GetValue<string>());
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dataDirectory, "ca.pem"));
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, registration["secret"]!.GetValue<string>())
            .WithTlsOptions(tls => tls.UseTls().WithTrustChain([ca]).WithTargetHost("localhost"))
            .Build();
        await client.ConnectAsync(options, cancellationToken);
        return new MqttDevice(client, twinId);
    }

    /// <summary>Publishes a reported-state patch with QoS 1; true when the node acknowledged it as stored.</summary>
    public async Task<bool> ReportAsync(string patch, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"mirrorspace/v1/twins/{twinId}/reported")
            .WithPayload(patch)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await client.PublishAsync(message, cancellationToken);
        return result.IsSuccess;
    }

    public void Dispose() => client.Dispose();
}
