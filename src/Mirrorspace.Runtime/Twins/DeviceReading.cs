namespace Mirrorspace.Runtime.Twins;

/// <summary>
/// A reading that passed the device-level stages (authenticity, freshness) on its way to the twin.
/// The device's sequence number and trust score are committed with it, so they move only with data
/// that was stored.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record DeviceReading
{
    [Id(0)]
    public required string PatchJson { get; init; }

    /// <summary>Who sent it and over what, e.g. <c>mqtt:dev-1a2b</c>; kept with the event.</summary>
    [Id(1)]
    public required string Source { get; init; }

    [Id(2)]
    public string? DeviceId { get; init; }

    /// <summary>The signed reading's sequence number, when it was signed.</summary>
    [Id(3)]
    public uint? Sequence { get; init; }

    /// <summary>The device's trust score to store with this reading; null when the stored score is current.</summary>
    [Id(4)]
    public double? Trust { get; init; }
}
