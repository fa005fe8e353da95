using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Mirrorspace.Domain.Integrity;
using Mirrorspace.Storage;

namespace Mirrorspace.Runtime.Ingestion;

/// <summary>
/// Watches every twin that has reported since the node started and raises one <c>stale</c> signal
/// when it stops reporting for longer than its sync contract's stale-after; the next reading ends
/// the stale spell. A twin is watched from its first reading after a start: the node does not
/// guess about twins it has not heard from.
/// </summary>
public sealed class SyncWatch(IServiceProvider services, TimeProvider clock, IOptions<IngestionOptions> options) : BackgroundService
{
    // Resolved at first use: hosted services are built before the node opens its store, which the writer needs.
    private GroupCommitWriter Writer => services.GetRequiredService<GroupCommitWriter>();

    private readonly ConcurrentDictionary<(string TenantId, string TwinId), Watched> _twins = new();

    /// <summary>Records a stored reading of the twin.</summary>
    public void Reported(string tenantId, string twinId, string? deviceId, TimeSpan staleAfter)
    {
        var now = clock.GetUtcNow();
        _twins.AddOrUpdate(
            (tenantId, twinId),
            _ => new Watched(now, staleAfter, deviceId, Stale: false),
            (_, _) => new Watched(now, staleAfter, deviceId, Stale: false));
    }

    /// <summary>One pass: signals each twin that has just gone stale. Public so tests can drive it with their own clock.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, watched) in _twins)
        {
            var silent = now - watched.LastReading;
            if (watched.Stale || silent <= watched.StaleAfter
                || !_twins.TryUpdate(key, watched with { Stale = true }, watched))
            {
                continue;
            }

            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"No reading for {silent.TotalSeconds:0} s; the sync contract's stale-after is {watched.StaleAfter.TotalSeconds:0} s.");
            await Writer.WriteAsync(SignalRecords.Create(key.TenantId, key.TwinId, watched.DeviceId, SignalKind.Stale, null, detail, now), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StaleCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await CheckAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private sealed record Watched(DateTimeOffset LastReading, TimeSpan StaleAfter, string? DeviceId, bool Stale);
}
