using System.Globalization;
using Mirrorspace.Simulation.Metrics;

namespace Mirrorspace.Cli.Simulation;

/// <summary>How a run looks on the console: a live line every few seconds, and the summary at the end.</summary>
internal static class SimulationReport
{
    public static void Live(SimulationSnapshot counters, TimeSpan elapsed)
    {
        var latency = LatencySummary.Of(counters.Latency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{elapsed.TotalSeconds,5:0}s  published {counters.Published} ({counters.Published / Math.Max(elapsed.TotalSeconds, 1e-9):0.0}/s)  acknowledged {counters.Acknowledged}  refused {Refusals(counters.Refused)}  throttled {counters.Throttled}  lost {counters.Lost}  reconnects {counters.Reconnects}  latency p50 {Ms(latency.P50)} p99 {Ms(latency.P99)}"));
    }

    public static void Summary(SimulationSummary summary, string description)
    {
        var latency = summary.LatencyMs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Simulated {summary.Devices} devices for {summary.Seconds:0.0} s ({description}, {Rate(summary.RatePerDevice)} each):
              published     {summary.Published} ({summary.PublishedPerSecond:0.0}/s)
              acknowledged  {summary.Acknowledged} ({summary.AcknowledgedPerSecond:0.0}/s); publish to acknowledgement p50 {Ms(latency.P50)}, p90 {Ms(latency.P90)}, p99 {Ms(latency.P99)}, max {Ms(latency.Max)}
              refused       {Refusals(summary.Refused)}
              throttled     {summary.Throttled}
              lost          {summary.Lost}
              reconnects    {summary.Reconnects}
              received      {summary.DesiredReceived} desired state updates, {summary.CommandsReceived} commands
            """));
    }

    private static string Rate(double perDevice) =>
        perDevice > 0 ? string.Create(CultureInfo.InvariantCulture, $"{perDevice:0.###} readings/s") : "as fast as acknowledged";

    private static string Refusals(IReadOnlyDictionary<string, long> refused) =>
        refused.Count == 0
            ? "0"
            : string.Create(CultureInfo.InvariantCulture, $"{refused.Values.Sum()} ({string.Join(", ", refused.Select(r => $"{r.Key} {r.Value}"))})");

    private static string Ms(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.0} ms") : "-";
}
