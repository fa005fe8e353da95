namespace Mirrorspace.Simulation.Attacks;

/// <summary>
/// Something the node said about a twin's data, as its signals feed shows it: a kind such as
/// <c>spike</c> or <c>bad-signature</c>, the property if one, and when, on this machine's clock (the
/// node's time less the measured offset).
/// </summary>
public sealed record NodeSignal(string Kind, string? Property, DateTimeOffset At);
