namespace Mirrorspace.Simulation.Behaviour;

/// <summary>How a simulated device moves its values; the defaults give plausible, slowly wandering readings.</summary>
public sealed record BehaviourSettings
{
    /// <summary>
    /// The share of a declared max rate of change the device's own values use. The node measures the
    /// rate between its own receive times, which can be closer together than the device's sends, so the
    /// device keeps clear of the limit instead of riding it.
    /// </summary>
    public double RateHeadroom { get; init; } = 0.5;

    /// <summary>Seconds a set point takes to cross the property's whole range when the model declares no max rate of change.</summary>
    public double FullRangeRampSeconds { get; init; } = 10;

    /// <summary>Random-walk noise per √second, as a share of the property's range (or of its magnitude when unbounded).</summary>
    public double Volatility { get; init; } = 0.002;

    /// <summary>How fast a wandering value is pulled back to where it started, per second.</summary>
    public double Reversion { get; init; } = 0.1;

    /// <summary>Longest time step of the value model; longer gaps are walked in steps of this size.</summary>
    public TimeSpan MaxStep { get; init; } = TimeSpan.FromSeconds(1);
}
