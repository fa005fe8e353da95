namespace Mirrorspace.Simulation.Attacks;

/// <summary>
/// One message a device of the attack scenario sent, and the node's answer: the PUBACK's reason code
/// and reason string, or nothing when no answer came (lost). Times are this machine's wall clock.
/// </summary>
/// <param name="Tick">The plan's tick; -1 for the readings that measure the node's clock before the run.</param>
/// <param name="InjectionId">The injection it carried, null for a clean reading.</param>
public sealed record SentMessage(int Tick, int? InjectionId, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt, int? ReasonCode, string? Reason)
{
    /// <summary>MQTT 5: the publisher is not authorized to send this, which the node answers for bad signatures and replays.</summary>
    public const int NotAuthorized = 0x87;

    /// <summary>MQTT 5: over the device's quota, which the node answers past the contract's rate.</summary>
    public const int QuotaExceeded = 0x97;

    public bool Answered => ReasonCode is not null;

    /// <summary>MQTT 5 reason codes below 0x80 are successes.</summary>
    public bool Accepted => ReasonCode is < 0x80;
}
