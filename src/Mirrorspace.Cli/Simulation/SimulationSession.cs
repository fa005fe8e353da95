using Microsoft.Extensions.Logging;
using Mirrorspace.Simulation;
using Mirrorspace.Simulation.Behaviour;
using Mirrorspace.Simulation.Devices;
using Mirrorspace.Simulation.Metrics;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Cli.Simulation;

/// <summary>The devices of one run, built from prepared twins, with their counters; disposing closes every connection.</summary>
internal sealed class SimulationSession : IDisposable
{
    private readonly List<SimulatedDevice> _devices;

    /// <param name="seed">Seeds each device's value model (seed + its index) for repeatable readings; null: different every run.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Simulated sensor noise, not a secret.")]
    public SimulationSession(IReadOnlyList<SimulatedTwin> twins, ConnectionSettings connection, int? seed, TimeProvider time, ILoggerFactory logging)
    {
        var clock = new SimulationClock(time);
        var deviceLogger = logging.CreateLogger<SimulatedDevice>();
        _devices = [.. twins.Select((twin, index) => new SimulatedDevice(
            twin.Identity,
            new DeviceBehaviour(twin.Model, twin.Reported, clock.Now, seed is { } s ? new Random(s + index) : new Random()),
            connection,
            Counters,
            clock,
            deviceLogger))];
        Runner = new SimulationRunner(_devices, Counters, clock, logging.CreateLogger<SimulationRunner>());
    }

    public SimulationCounters Counters { get; } = new();

    public SimulationRunner Runner { get; }

    public int DeviceCount => _devices.Count;

    public void Dispose() => _devices.ForEach(d => d.Dispose());
}
