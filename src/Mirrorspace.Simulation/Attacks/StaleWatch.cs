using Microsoft.Extensions.Logging;

namespace Mirrorspace.Simulation.Attacks;

/// <summary>
/// Stands in for the node's <c>stale</c> signals when its signals feed cannot be read: asks for each
/// twin's last reported time every <see cref="Every"/> and notes a <c>stale</c> signal, once per
/// silence, when that time is older than the contract's staleAfter on the node's clock. It measures
/// the twin's timestamps rather than the node's stale check; once every node has the feed, this
/// class is the one to remove.
/// </summary>
public sealed partial class StaleWatch(IAttackNode node, IReadOnlyList<string> twinIds, ClockOffset offset, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private readonly List<(string TwinId, NodeSignal Signal)> _noticed = [];

    /// <summary>The silences noticed, per twin. Read it once <see cref="RunAsync"/> is over.</summary>
    public ILookup<string, NodeSignal> Noticed => _noticed.ToLookup(n => n.TwinId, n => n.Signal, StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The last reported time each twin was found stale at, so one silence is noticed once.
        var flagged = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var twinId in twinIds)
                {
                    var asked = time.GetUtcNow();
                    if (await node.LastReportedAsync(twinId, cancellationToken).ConfigureAwait(false) is not { } last)
                    {
                        continue;
                    }

                    if (asked + offset.Estimate - last > AttackMeter.StaleAfter && flagged.GetValueOrDefault(twinId) != last)
                    {
                        flagged[twinId] = last;
                        _noticed.Add((twinId, new NodeSignal("stale", null, asked)));
                        LogStale(logger, twinId, last);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "Twin {TwinId} is stale: it last reported at {LastReported:O}")]
    private static partial void LogStale(ILogger logger, string twinId, DateTimeOffset lastReported);
}
