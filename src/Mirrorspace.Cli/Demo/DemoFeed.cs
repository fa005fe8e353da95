using System.Text.Json;
using Mirrorspace.Domain;
using System.Text.Json.Nodes;
using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Cli.Demo;

/// <summary>
/// Plays the pumps and the reservoir sensor of the demo: every tick each pump reports readings and
/// moves its speed toward the desired set point, so the twins converge and the history grows.
/// </summary>
internal sealed class DemoFeed(IGrainFactory grains, string tenantId, TimeProvider clock)
{
    private const string Source = "device:demo-feed";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    // Not for security: simulated sensor noise only.
#pragma warning disable CA5394
    private readonly Random _noise = new(42);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var pump in new[] { "pump-1", "pump-2", "pump-3" })
                {
                    await ReportPumpAsync(grains.GetGrain<ITwinGrain>(TwinGrainKey.Format(tenantId, pump)));
                }

                var reservoir = grains.GetGrain<ITwinGrain>(TwinGrainKey.Format(tenantId, "reservoir-1"));
                var level = 18 + (2 * Math.Sin(clock.GetUtcNow().ToUnixTimeSeconds() / 600.0));
                await reservoir.PatchAsync(TwinSide.Reported, Patch(("level", Math.Round(level, 2))), null, Source, returnTwin: false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the demo ends.
        }
    }

    private async Task ReportPumpAsync(ITwinGrain pump)
    {
        var twin = await pump.GetAsync();
        if (twin.Outcome is not TwinOutcome.Ok)
        {
            return;
        }

        var state = JsonSerializer.Deserialize(twin.Snapshot!, DomainJsonContext.Default.TwinSnapshotDocument)!;
        var speed = Number(state.Reported, "speed");
        var target = state.Desired["mode"]?.GetValue<string>() == "off" ? 0 : Number(state.Desired, "speed", speed);
        speed += Math.Clamp(target - speed, -100, 100);
        var temperature = Number(state.Reported, "temperature", 20) + ((_noise.NextDouble() - 0.5) * 0.6) + ((speed > 0 ? 40 : 20) - Number(state.Reported, "temperature", 20)) * 0.02;
        var patch = Patch(
            ("speed", Math.Round(speed)),
            ("temperature", Math.Round(temperature, 2)),
            ("vibration", Math.Round(speed > 0 ? 1.5 + _noise.NextDouble() : 0, 2)),
            ("power", Math.Round(4.9e-9 * speed * speed * speed, 2)));
        await pump.PatchAsync(TwinSide.Reported, patch, null, Source, returnTwin: false);
    }
#pragma warning restore CA5394

    private static double Number(JsonObject state, string name, double fallback = 0) =>
        state[name] is JsonValue value && value.TryGetValue<double>(out var number) ? number : fallback;

    private static string Patch(params (string Name, double Value)[] values)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in values)
        {
            patch[name] = value;
        }

        return patch.ToJsonString();
    }
}
