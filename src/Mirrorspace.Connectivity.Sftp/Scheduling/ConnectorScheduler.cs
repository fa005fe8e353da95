using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mirrorspace.Connectivity.Sftp.Import;
using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Connectivity.Sftp.Scheduling;

/// <summary>
/// Runs enabled connectors on their interval, once the node has started. Every tick it reads the
/// schedule and starts the connectors that are due, at most <see cref="SftpImportOptions.MaxConcurrentRuns"/>
/// at a time; the runner refuses a second run of a connector that is still running, so runs never overlap.
/// On shutdown it cancels the runs and waits for them: an interrupted file resumes on the next start.
/// </summary>
internal sealed class ConnectorScheduler(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<SftpImportOptions> options,
    TimeProvider clock,
    ILogger<ConnectorScheduler> logger) : BackgroundService
{
    public const string Principal = "scheduler";

    private readonly Dictionary<(string, string), DateTimeOffset> _lastStarted = [];
    private readonly List<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SchedulerEnabled || !await StartedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        // Resolved only now: the store opens with the node's keys, which exist once the node has started.
        var store = services.GetRequiredService<IConnectorStore>();
        var runner = services.GetRequiredService<ConnectorRunner>();
        using var timer = new PeriodicTimer(settings.SchedulerTick, clock);
        try
        {
            do
            {
                await StartDueRunsAsync(store, runner, settings, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            await Task.WhenAll(_running).ConfigureAwait(false);
        }
    }

    private async Task StartDueRunsAsync(IConnectorStore store, ConnectorRunner runner, SftpImportOptions settings, CancellationToken stoppingToken)
    {
        _running.RemoveAll(t => t.IsCompleted);
        IReadOnlyList<ConnectorSchedule> schedules;
        try
        {
            schedules = await store.ListScheduledAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SftpLog.ScheduleReadFailed(logger, ex);
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var schedule in schedules)
        {
            var key = (schedule.TenantId, schedule.ConnectorId);
            if (_running.Count >= settings.MaxConcurrentRuns)
            {
                return;
            }

            if (!ScheduleDue.IsDue(_lastStarted.TryGetValue(key, out var last) ? last : null, schedule.Interval, now)
                || runner.IsRunning(schedule.TenantId, schedule.ConnectorId))
            {
                continue;
            }

            _lastStarted[key] = now;
            SftpLog.ScheduledRunStarting(logger, schedule.TenantId, schedule.ConnectorId);
            _running.Add(RunAsync(runner, schedule, stoppingToken));
        }
    }

    private static async Task RunAsync(ConnectorRunner runner, ConnectorSchedule schedule, CancellationToken stoppingToken)
    {
        // Let the tick loop go on while the run connects.
        await Task.Yield();
        try
        {
            await runner.RunAsync(schedule.TenantId, schedule.ConnectorId, Principal, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || stoppingToken.IsCancellationRequested)
        {
            // Shutdown (the ledger holds the progress), or a failure the runner has already logged and
            // audited: either way the scheduler goes on with the other connectors.
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
