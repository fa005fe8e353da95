using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mirrorspace.Domain.Models;
using Mirrorspace.LoadTool;
using Mirrorspace.LoadTool.Targets;

// The MQTT load tool: the same devices against a Mirrorspace node and against bare mosquitto,
// each broker in its own process, QoS 1 over loopback TLS. See docs/benchmarks.md.
var target = new Option<string>("--target") { Description = "mirrorspace, mosquitto or both.", DefaultValueFactory = _ => "both" };
var devices = new Option<int[]>("--devices")
{
    Description = "Devices (connections), each with one reading in flight; several counts (--devices 100 300 1000) sweep them and compare each target's peak.",
    AllowMultipleArgumentsPerToken = true,
    DefaultValueFactory = _ => [100],
};
var warmUp = new Option<int>("--warmup") { Description = "Seconds of load before each measurement.", DefaultValueFactory = _ => 5 };
var measure = new Option<int>("--measure") { Description = "Seconds measured per phase.", DefaultValueFactory = _ => 20 };
var rate = new Option<double>("--rate") { Description = "Offer this many readings/s in total instead of flat out and then half of it.", DefaultValueFactory = _ => 0 };
var json = new Option<bool>("--json") { Description = "Also print every result as a JSON line." };
var nodeEnvironment = new Option<string[]>("--node-env") { Description = "NAME=VALUE set for the Mirrorspace node only (repeatable), e.g. DOTNET_gcServer=0." };
var rounds = new Option<int>("--rounds") { Description = "Run the targets this many times, alternating, and report the ratio of each pair and their median.", DefaultValueFactory = _ => 1 };
var skipHalf = new Option<bool>("--skip-half") { Description = "Flat out only: no half-load phase." };
var client = new Option<LoadClient>("--client")
{
    Description = "wire: MQTT packets written straight onto TLS, so that the generator costs little; simulator: the devices of 'mirrorspace simulate' (MQTTnet's client).",
    DefaultValueFactory = _ => LoadClient.Wire,
};
var root = new RootCommand("Drives N MQTT devices over loopback TLS against Mirrorspace and mosquitto.") { target, devices, warmUp, measure, rate, json, nodeEnvironment, rounds, skipHalf, client };
root.SetAction(async (result, cancellationToken) =>
{
    var modelPath = Path.Combine(AppContext.BaseDirectory, "bench-pump.json");
    var modelJson = await File.ReadAllTextAsync(modelPath, cancellationToken);
    var parsed = ModelDocumentParser.ParseJson(modelJson);
    if (!parsed.IsValid)
    {
        Console.Error.WriteLine($"error: {modelPath}: {string.Join("; ", parsed.Errors)}");
        return 1;
    }

    // mosquitto first: the baseline is measured on a machine the node has not warmed (or loaded) yet.
    string[] targets = result.GetValue(target) is "both" ? ["mosquitto", "mirrorspace"] : [result.GetValue(target)!];
    var roundCount = Math.Max(1, result.GetValue(rounds));
    var ratios = new List<double>();
    var peakRatios = new List<double>();
    Console.WriteLine($"# {Environment.ProcessorCount} cores, load average {MachineLoad.Now()} at start");

    // A shared machine's speed drifts over minutes: only a pair measured back to back compares, so
    // rounds alternate the targets and the ratio is taken within each pair.
    var counts = result.GetValue(devices)!.Distinct().Order().ToArray();
    for (var round = 1; round <= roundCount; round++)
    {
        var roundResults = new List<PhaseResult>();
        foreach (var count in counts)
        {
            foreach (var name in targets)
            {
                roundResults.AddRange(await MeasureAsync(name, count));
            }

            if (Ratio(roundResults.Where(r => r.Devices == count)) is { } ratio)
            {
                ratios.Add(ratio);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {count} devices: mirrorspace / mosquitto acknowledged throughput {ratio:P0}"));
            }
        }

        // Each broker's throughput is the most it acknowledged at any of the counts: a design that
        // needs concurrency to fill its group commits and one that does not are compared at their best.
        if (counts.Length > 1 && Ratio(roundResults) is { } peakRatio)
        {
            peakRatios.Add(peakRatio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# peak against peak: mirrorspace {Peak(roundResults, "mirrorspace")} / mosquitto {Peak(roundResults, "mosquitto")}: {peakRatio:P0}"));
        }
    }

    Summarize("pairs", ratios);
    Summarize("peaks", peakRatios);
    return 0;

    async Task<List<PhaseResult>> MeasureAsync(string name, int count)
    {
        var phases = new List<PhaseResult>();
        await using var running = name switch
        {
            "mirrorspace" => await MirrorspaceTarget.StartAsync(count, modelJson, parsed.Model.Id, Assignments(result.GetValue(nodeEnvironment)), cancellationToken),
            "mosquitto" => await MosquittoTarget.StartAsync(count, cancellationToken),
            _ => throw new ArgumentException($"unknown target '{name}'"),
        };
        Console.WriteLine($"# {running.Description}; {result.GetValue(client).ToString().ToLowerInvariant()} client");
        if (name == "mirrorspace" && result.GetValue(nodeEnvironment) is { Length: > 0 } settings)
        {
            Console.WriteLine($"# node environment: {string.Join(' ', settings)}");
        }

        using var run = new LoadRun(running, parsed.Model, result.GetValue(client), TimeSpan.FromSeconds(result.GetValue(warmUp)), TimeSpan.FromSeconds(result.GetValue(measure)));
        await run.ConnectAsync(cancellationToken);
        var offered = result.GetValue(rate);
        var first = await run.RunPhaseAsync(offered > 0 ? "offered" : "flat out", offered, cancellationToken);
        Report(first, result.GetValue(json));
        phases.Add(first);
        if (offered <= 0 && !result.GetValue(skipHalf))
        {
            var half = await run.RunPhaseAsync("half load", Math.Floor(first.AcknowledgedPerSecond / 2), cancellationToken);
            Report(half, result.GetValue(json));
            phases.Add(half);
        }

        await run.DisconnectAsync();
        return phases;
    }
});
return await root.Parse(args).InvokeAsync();

/// <summary>Mirrorspace's best flat-out rate over mosquitto's among the results; null unless both were measured flat out.</summary>
static double? Ratio(IEnumerable<PhaseResult> results)
{
    var measured = results.ToList();
    return measured.Any(r => r is { Target: "mirrorspace", Phase: "flat out" }) && measured.Any(r => r is { Target: "mosquitto", Phase: "flat out" })
        ? Peak(measured, "mirrorspace") / Peak(measured, "mosquitto")
        : null;
}

static double Peak(IEnumerable<PhaseResult> results, string target) =>
    results.Where(r => r.Target == target && r.Phase == "flat out").Max(r => r.AcknowledgedPerSecond);

static void Summarize(string what, List<double> ratios)
{
    if (ratios.Count < 2)
    {
        return;
    }

    ratios.Sort();
    var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# over {ratios.Count} {what}: median {median:P0}, range {ratios[0]:P0}–{ratios[^1]:P0}"));
}

static Dictionary<string, string> Assignments(string[]? assignments) =>
    (assignments ?? []).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);

static void Report(PhaseResult r, bool json)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Target,-12} {r.Phase,-10} devices {r.Devices}  offered {(r.OfferedPerSecond > 0 ? r.OfferedPerSecond.ToString("0", CultureInfo.InvariantCulture) + "/s" : "flat out")}  acknowledged {r.AcknowledgedPerSecond:0}/s ({r.Acknowledged} in {r.Seconds} s)  refused {r.Refused} throttled {r.Throttled} lost {r.Lost}  latency ms p50 {r.LatencyMs.P50} p90 {r.LatencyMs.P90} p99 {r.LatencyMs.P99} max {r.LatencyMs.Max}  CPU µs/msg broker {r.BrokerCpuPerMessageMicros} loader {r.LoaderCpuPerMessageMicros}  load {r.LoadAverageBefore} -> {r.LoadAverageAfter}"));
    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(r, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    }
}
