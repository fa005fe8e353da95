using Mirrorspace.Connectivity.Devices;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Storage.Devices;

namespace Mirrorspace.Server.Api.Features.Devices;

/// <summary>A device as the API shows it: never its secret, except once in <see cref="DeviceCreatedDto"/>.</summary>
public sealed record DeviceDto(
    string DeviceId,
    string TwinId,
    string Credential,
    string? CertificateThumbprint,
    bool Enabled,
    int CredentialVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DeviceActivitySnapshot Activity,
    MqttTopicsDto Mqtt,
    string? Signing,
    double Trust,
    uint? LastSequence)
{
    public static DeviceDto From(DeviceRecord device, DeviceActivitySnapshot activity) => new(
        device.DeviceId,
        device.TwinId,
        device.CertificateThumbprint is null ? "secret" : "certificate",
        device.CertificateThumbprint,
        device.Enabled,
        device.CredentialVersion,
        device.CreatedAt,
        device.UpdatedAt,
        activity,
        new MqttTopicsDto(
            device.DeviceId,
            MqttTopics.For(device.TwinId, MqttTopics.Reported),
            MqttTopics.For(device.TwinId, MqttTopics.Desired),
            MqttTopics.For(device.TwinId, MqttTopics.Commands)),
        device.SigningAlgorithm,
        device.Trust,
        device.LastSequence);
}

/// <summary>What a device connects with: its id is the MQTT user name and client id.</summary>
public sealed record MqttTopicsDto(string ClientId, string Reported, string Desired, string Commands);

/// <summary>
/// A registration, rotation or signing change: <see cref="Secret"/> is shown this once (only its hash
/// is kept), and so is <see cref="SigningKey"/>, a new HS256 key (base64url) the node keeps sealed.
/// </summary>
public sealed record DeviceCreatedDto(DeviceDto Device, string? Secret)
{
    public string? SigningKey { get; init; }
}

public sealed record CommandSentDto(string CommandId, string Name, int QueuedFor);
