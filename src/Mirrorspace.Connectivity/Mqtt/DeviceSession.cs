using MQTTnet.Formatter;
using Mirrorspace.Runtime.Ingestion;

namespace Mirrorspace.Connectivity.Mqtt;

/// <summary>What the broker knows about one authenticated device connection.</summary>
public sealed class DeviceSession(string deviceId, string tenantId, string twinId, MqttProtocolVersion protocol, TokenBucket allowance)
{
    private volatile bool _revoked;

    public string DeviceId { get; } = deviceId;

    public string TenantId { get; } = tenantId;

    public string TwinId { get; } = twinId;

    /// <summary>What the twin's history records as the source of this device's readings.</summary>
    public string Source { get; } = $"mqtt:{deviceId}";

    public MqttProtocolVersion Protocol { get; } = protocol;

    public TokenBucket Allowance { get; } = allowance;

    /// <summary>Set when the credential is disabled, rotated or deleted: anything still in flight is refused.</summary>
    public bool IsRevoked => _revoked;

    /// <summary>MQTT 3.1.1 has no reason codes on PUBACK/SUBACK beyond failure: refusing there means closing the connection.</summary>
    public bool HasReasonCodes => Protocol == MqttProtocolVersion.V500;

    /// <summary>True when the last message was throttled, so a run of throttled messages is audited once, not per message.</summary>
    public bool InThrottledRun { get; set; }

    /// <summary>Set when the device subscribed to its desired topic; the current desired state follows its SUBACK.</summary>
    public bool DesiredReplayPending { get; set; }

    public void Revoke() => _revoked = true;
}
