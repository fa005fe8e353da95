using Mirrorspace.Simulation.Metrics;

namespace Mirrorspace.Simulation;

/// <summary>A run's counters handed to <see cref="Report"/> every <see cref="Every"/>, with the time since the run began.</summary>
public sealed record SimulationProgress(TimeSpan Every, Action<SimulationSnapshot, TimeSpan> Report);
