using Microsoft.Extensions.Logging;
using Mirrorspace.Simulation.Devices;
using Mirrorspace.Simulation.Metrics;

namespace Mirrorspace.Simulation;

/// <summary>
/// Runs a set of simulated devices: connects them all, lets each publish at the run's rate until the
/// duration is up or the run is cancelled, reports the counters periodically, and disconnects them.
/// </summary>
public sealed partial class SimulationRunner(IReadOnlyList<SimulatedDevice> devices, SimulationCounters counters, SimulationClock clock, ILogger logger)
{
    /// <summary>Connects every device; null when all are connected, otherwise the first device's reason.</summary>
    public Task<string?> ConnectAsync(CancellationToken cancellationToken) => Fleet.ConnectAsync(devices, cancellationToken);

    /// <summary>
    /// Publishes until <paramref name="duration"/> has passed (null: until cancelled) and returns how
    /// long the run took, calling <paramref name="progress"/> along the way.
    /// </summary>
    public async Task<TimeSpan> RunAsync(double ratePerSecond, TimeSpan? duration, CancellationToken cancellationToken, SimulationProgress? progress = null)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } limit)
        {
            run.CancelAfter(limit);
        }

        var started = clock.Now;
        LogStarted(logger, devices.Count, ratePerSecond);
        var loops = devices.Select(d => d.RunAsync(ratePerSecond, run.Token)).ToList();
        if (progress is not null)
        {
            loops.Add(ReportAsync(progress, started, run.Token));
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        return clock.Now - started;
    }

    /// <summary>Disconnects every device cleanly.</summary>
    public Task DisconnectAsync() => Task.WhenAll(devices.Select(d => d.DisconnectAsync()));

    private async Task ReportAsync(SimulationProgress progress, TimeSpan started, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(progress.Every, clock.Provider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                progress.Report(counters.Snapshot(), clock.Now - started);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over; the caller prints the summary.
        }
    }

    [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "Simulating {Devices} devices at {Rate} readings/s each")]
    private static partial void LogStarted(ILogger logger, int devices, double rate);
}
