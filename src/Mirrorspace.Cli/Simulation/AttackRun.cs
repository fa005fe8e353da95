using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mirrorspace.Cli.Commands;
using Mirrorspace.Simulation.Attacks;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Cli.Simulation;

/// <summary>
/// <c>simulate --scenario attacks</c>: publishes the scenario's model, creates its twins with one
/// HS256-signing device each, runs the attacks, and writes and prints the detection report.
/// </summary>
internal static class AttackRun
{
    private static readonly JsonSerializerOptions ReportFormat = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static async Task<int> RunAsync(
        AttackSettings settings, string twinPrefix, NodeClient node, ConnectionSettings connection, FileInfo? reportFile, bool requireGoals, bool json, CancellationToken cancellationToken)
    {
        using var logging = CliLogging.Create();
        var setup = new SimulationSetup(node, Path.Combine(AppContext.BaseDirectory, "samples"), new JsonObject { ["algorithm"] = "HS256" });
        IReadOnlyList<SimulatedTwin> twins;
        try
        {
            if (await setup.PublishModelAsync(AttackMeter.ModelDocument(), cancellationToken) is var published and not ExitCodes.Success)
            {
                return published;
            }

            var twinIds = Enumerable.Range(1, settings.Devices).Select(i => string.Create(CultureInfo.InvariantCulture, $"{twinPrefix}{i}")).ToList();
            (twins, var exitCode) = await setup.PrepareAsync(twinIds, AttackMeter.ModelId, cancellationToken);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ConsoleOutput.Error(ExitCodes.Failure, "stopped before the devices were ready");
        }

        try
        {
            if (!json)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Attack scenario: {twins.Count} twins {twins[0].Identity.TwinId}..{twins[^1].Identity.TwinId}, {settings.RatePerSecond} readings/s each for {settings.Duration.TotalSeconds:0} s, warm-up {settings.WarmUpReadings} readings."));
            }

            var scenario = new AttackScenario(settings, new HttpAttackNode(node), connection, TimeProvider.System, logging);
            var (report, failure) = await scenario.RunAsync(
                [.. twins.Select(t => new AttackTwin(t.Identity, t.SigningKey!))], json ? null : Progress, cancellationToken);
            if (report is null)
            {
                return ConsoleOutput.Error(ExitCodes.Failure, failure!);
            }

            if (reportFile is not null)
            {
                await File.WriteAllTextAsync(reportFile.FullName, JsonSerializer.Serialize(report, ReportFormat) + Environment.NewLine, CancellationToken.None);
            }

            if (json)
            {
                ConsoleOutput.Json(report);
            }
            else
            {
                AttackTable.Print(report, reportFile?.FullName);
            }

            return requireGoals && !report.GoalsMet ? ExitCodes.GoalsNotMet : ExitCodes.Success;
        }
        finally
        {
            await setup.ReleaseAsync(twins, CancellationToken.None);
        }
    }

    private static void Progress(double done, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds,5:0}s  {done:P0} of the plan played"));
}
