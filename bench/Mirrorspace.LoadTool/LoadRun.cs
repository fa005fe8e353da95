using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Mirrorspace.Domain.Models;
using Mirrorspace.LoadTool.Targets;
using Mirrorspace.LoadTool.Wire;
using Mirrorspace.Simulation;
using Mirrorspace.Simulation.Behaviour;
using Mirrorspace.Simulation.Devices;
using Mirrorspace.Simulation.Metrics;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.LoadTool;

/// <summary>
/// Load devices pointed at one target: connected once, then driven through measured phases. Each
/// phase warms up, then counts only its measurement window.
/// </summary>
internal sealed class LoadRun(LoadTarget target, TwinModel model, LoadClient client, TimeSpan warmUp, TimeSpan measure) : IDisposable
{
    private readonly SimulationCounters _counters = new();
    private readonly SimulationClock _clock = new(TimeProvider.System);
    private List<ILoadDevice> _devices = [];

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Simulated sensor noise, not a secret.")]
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // Seeded, so both targets get the same readings.
        _devices = [.. target.Devices.Select((identity, i) => Device(identity, new DeviceBehaviour(model, [], _clock.Now, new Random(1_000 + i))))];
        if (await Fleet.ConnectAsync(_devices, cancellationToken) is { } failure)
        {
            throw new InvalidOperationException($"{target.Name}: {failure}");
        }
    }

    /// <param name="offeredPerSecond">Total readings per second over all devices; 0 sends each as soon as the last is acknowledged.</param>
    public async Task<PhaseResult> RunPhaseAsync(string phase, double offeredPerSecond, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var perDevice = offeredPerSecond / _devices.Count;
        var running = Task.WhenAll(_devices.Select(d => d.RunAsync(perDevice, stop.Token)));
        await Task.Delay(warmUp, cancellationToken);

        var loadBefore = MachineLoad.Now();
        var before = _counters.Snapshot();
        var (brokerCpu, loaderCpu, started) = (target.CpuTime, Process.GetCurrentProcess().TotalProcessorTime, _clock.Now);
        await Task.Delay(measure, cancellationToken);
        var after = _counters.Snapshot();
        var elapsed = _clock.Now - started;
        brokerCpu = target.CpuTime - brokerCpu;
        loaderCpu = Process.GetCurrentProcess().TotalProcessorTime - loaderCpu;
        var loadAfter = MachineLoad.Now();

        await stop.CancelAsync();
        await running;
        if (target.HasExited)
        {
            throw new InvalidOperationException($"{target.Name} exited during the run: {target.StandardError}");
        }

        var window = after.Since(before);
        var messages = Math.Max(window.Acknowledged, 1);
        return new PhaseResult(
            target.Name,
            phase,
            _devices.Count,
            offeredPerSecond,
            Math.Round(elapsed.TotalSeconds, 2),
            window.Published,
            window.Acknowledged,
            window.RefusedTotal,
            window.Throttled,
            window.Lost,
            Math.Round(window.Acknowledged / elapsed.TotalSeconds, 0),
            LatencySummary.Of(window.Latency),
            Math.Round(brokerCpu.TotalMicroseconds / messages, 1),
            Math.Round(loaderCpu.TotalMicroseconds / messages, 1),
            loadBefore,
            loadAfter);
    }

    public Task DisconnectAsync() => Task.WhenAll(_devices.Select(d => d.DisconnectAsync()));

    public void Dispose() => _devices.ForEach(d => d.Dispose());

    private ILoadDevice Device(DeviceIdentity identity, DeviceBehaviour behaviour) => client switch
    {
        LoadClient.Wire => new WireDevice(identity, behaviour, target.Broker, target.Trust, _counters, _clock),
        _ => new SimulatorDevice(new SimulatedDevice(
            identity,
            behaviour,
            new ConnectionSettings { Broker = target.Broker, Trust = target.Trust, Timeout = TimeSpan.FromSeconds(30) },
            _counters,
            _clock,
            NullLogger.Instance)),
    };
}
