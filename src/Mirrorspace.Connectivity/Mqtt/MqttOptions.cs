using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Mirrorspace.Connectivity.Mqtt;

/// <summary>The embedded broker, bound from <c>Mirrorspace:Mqtt</c>.</summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string Section = "Mirrorspace:Mqtt";

    public bool Enabled { get; set; } = true;

    /// <summary>The TLS listener, <c>ADDRESS:PORT</c>; port 0 picks a free one. Loopback unless the operator opens it.</summary>
    [Required]
    public string TlsAddress { get; set; } = "127.0.0.1:8883";

    /// <summary>Plain MQTT, off unless set, and then only on a loopback address (for local tools that cannot do TLS).</summary>
    public string? PlainAddress { get; set; }

    /// <summary>PEM certificate chain of the node; defaults to <c>node.pem</c> in the data directory.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of the node; defaults to <c>node.key</c> in the data directory.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Largest accepted application payload; a bigger publish closes the connection.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    [Range(1, 1_000_000)]
    public int MaxConnectionsPerTenant { get; set; } = 10_000;

    /// <summary>How many seconds of its contract rate a device may send at once before it is throttled.</summary>
    [Range(1, 3_600)]
    public double BurstSeconds { get; set; } = 2;

    /// <summary>Messages queued for one slow subscriber before the oldest go (each drop is counted and logged).</summary>
    [Range(100, 1_000_000)]
    public int MaxPendingMessagesPerClient { get; set; } = 10_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPEndPoint.TryParse(TlsAddress, out _))
        {
            yield return new ValidationResult($"Mirrorspace:Mqtt:TlsAddress '{TlsAddress}' is not ADDRESS:PORT (e.g. 127.0.0.1:8883).", [nameof(TlsAddress)]);
        }

        if (PlainAddress is not null)
        {
            if (!IPEndPoint.TryParse(PlainAddress, out var plain))
            {
                yield return new ValidationResult($"Mirrorspace:Mqtt:PlainAddress '{PlainAddress}' is not ADDRESS:PORT.", [nameof(PlainAddress)]);
            }
            else if (!IPAddress.IsLoopback(plain.Address))
            {
                yield return new ValidationResult(
                    $"Mirrorspace:Mqtt:PlainAddress '{PlainAddress}' is not a loopback address: unencrypted MQTT is only allowed on 127.0.0.1 or ::1.",
                    [nameof(PlainAddress)]);
            }
        }
    }
}
