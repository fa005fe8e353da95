namespace Mirrorspace.Simulation;

/// <summary>Monotonic time since a run began, shared by its devices and their value models.</summary>
public sealed class SimulationClock(TimeProvider provider)
{
    private readonly long _start = provider.GetTimestamp();

    public TimeProvider Provider { get; } = provider;

    public TimeSpan Now => Provider.GetElapsedTime(_start);
}
