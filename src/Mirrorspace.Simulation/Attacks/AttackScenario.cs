using Microsoft.Extensions.Logging;
using Mirrorspace.Simulation.Devices;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Simulation.Attacks;

/// <summary>A twin of the attack scenario with its device's credential and HS256 key.</summary>
public sealed record AttackTwin(DeviceIdentity Identity, byte[] SigningKey);

/// <summary>
/// The attack scenario against a running node whose twins and devices are ready: plans the attacks,
/// measures the node's clock, lets every device play its plan while the stale watch looks on, then
/// reads the node's signals and judges each injection.
/// </summary>
public sealed partial class AttackScenario(AttackSettings settings, IAttackNode node, ConnectionSettings connection, TimeProvider time, ILoggerFactory logging)
{
    /// <summary>Readings used to measure the node's clock before the run; each one narrows the bounds.</summary>
    private const int ClockReadings = 5;

    private readonly ILogger _logger = logging.CreateLogger<AttackScenario>();

    /// <summary>The report, or null and why the run could not start.</summary>
    /// <param name="progress">Called every few seconds with the share of the plan played and the time since the start.</param>
    public async Task<(AttackReport? Report, string? Failure)> RunAsync(
        IReadOnlyList<AttackTwin> twins, Action<double, TimeSpan>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(twins);
        var plans = AttackPlanner.Plan(twins.Count, settings.TicksPerDevice, settings.WarmUpReadings, settings.RatePerSecond, Seeded(0));
        var devices = twins.Select((twin, i) => new AttackDevice(
            twin.Identity, twin.SigningKey, plans[i], new MeterReadings(Seeded(i + 1)), connection, time, logging.CreateLogger<AttackDevice>())).ToList();
        try
        {
            if (await Fleet.ConnectAsync(devices, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return (null, failure);
            }

            var offset = await MeasureClockAsync(devices[0], cancellationToken).ConfigureAwait(false);

            // The node's own stale signals are read from its feed; without one, the watch stands in for them.
            var feed = await node.SignalsAsync(devices[0].Identity.TwinId, cancellationToken).ConfigureAwait(false) is not null;
            var watch = feed ? null : new StaleWatch(node, [.. twins.Select(t => t.Identity.TwinId)], offset, time, _logger);
            var started = time.GetTimestamp();
            using (var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var watched = watch?.RunAsync(watching.Token) ?? Task.CompletedTask;
                var reporting = ReportAsync(devices, progress, started, watching.Token);
                await Task.WhenAll(devices.Select(d => d.RunAsync(settings.RatePerSecond, settings.FloodMessages, cancellationToken))).ConfigureAwait(false);
                await watching.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(watched, reporting).ConfigureAwait(false);
            }

            var seconds = time.GetElapsedTime(started).TotalSeconds;
            await Task.WhenAll(devices.Select(d => d.DisconnectAsync())).ConfigureAwait(false);

            // The signals are durable before each PUBACK, so there is nothing to wait for; the read is not cancelled with the run.
            var runs = new List<TwinRun>(devices.Count);
            foreach (var device in devices)
            {
                var twinId = device.Identity.TwinId;
                var signals = feed ? await node.SignalsAsync(twinId, CancellationToken.None).ConfigureAwait(false) : null;
                feed &= signals is not null;
                IReadOnlyList<NodeSignal> local = [.. (signals ?? []).Select(s => s with { At = offset.ToLocal(s.At) }), .. (watch?.Noticed[twinId] ?? [])];
                runs.Add(new TwinRun(twinId, device.Plan, device.Messages, device.TickTimes, local));
            }

            var judged = Detection.Judge(runs, feed);
            var info = new AttackRunInfo(
                devices.Count, settings.RatePerSecond, settings.WarmUpReadings, settings.FloodMessages, settings.Seed, seconds,
                $"{AttackMeter.ModelId} v{AttackMeter.ModelVersion}", AttackMeter.MaxMessagesPerSecond, AttackMeter.StaleAfter.TotalSeconds,
                offset.Estimate.TotalMilliseconds, offset.IsKnown ? offset.Uncertainty.TotalMilliseconds : null, feed);
            return (new AttackReport(info, judged.Messages, judged.Classes, [.. twins.Select(t => t.Identity.TwinId)], judged.Injections, judged.FalseAlarms), null);
        }
        finally
        {
            devices.ForEach(d => d.Dispose());
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "A simulated run, not a secret.")]
    private Random Seeded(int stream) => settings.Seed is { } seed ? new Random(seed + stream) : new Random();

    /// <summary>A few clean readings from one device, each followed by a look at when the twin took it.</summary>
    private async Task<ClockOffset> MeasureClockAsync(AttackDevice device, CancellationToken cancellationToken)
    {
        var offset = new ClockOffset();
        for (var i = 0; i < ClockReadings; i++)
        {
            // At the steady rate: readings closer together would trip the rate-of-change check on noise.
            await Task.Delay(TimeSpan.FromSeconds(1 / settings.RatePerSecond), time, cancellationToken).ConfigureAwait(false);
            var sent = await device.PublishCleanAsync(cancellationToken).ConfigureAwait(false);
            if (sent is { Accepted: true, AnsweredAt: { } answered }
                && await node.LastReportedAsync(device.Identity.TwinId, cancellationToken).ConfigureAwait(false) is { } stamped)
            {
                offset.Add(sent.SentAt, answered, stamped);
            }
        }

        if (offset.IsKnown)
        {
            LogClock(_logger, offset.Estimate.TotalMilliseconds, offset.Uncertainty.TotalMilliseconds);
        }
        else
        {
            LogClockUnknown(_logger);
        }

        return offset;
    }

    private async Task ReportAsync(List<AttackDevice> devices, Action<double, TimeSpan>? progress, long started, CancellationToken cancellationToken)
    {
        if (progress is null)
        {
            return;
        }

        double planned = devices.Sum(d => d.Plan.Ticks);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                progress(devices.Sum(d => d.TicksPlayed) / planned, time.GetElapsedTime(started));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "The node's clock is {OffsetMs:0.0} ms ahead of this machine's (± {UncertaintyMs:0.0} ms)")]
    private static partial void LogClock(ILogger logger, double offsetMs, double uncertaintyMs);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "Could not measure the node's clock; signals are matched as if both clocks agreed")]
    private static partial void LogClockUnknown(ILogger logger);
}
