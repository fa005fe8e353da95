using System.CommandLine;
using Microsoft.Extensions.Logging;
using Mirrorspace.Cli.Simulation;
using Mirrorspace.Domain.Common;
using Mirrorspace.Simulation;
using Mirrorspace.Simulation.Metrics;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace simulate --devices N --rate R</c>: N simulated devices with real credentials over MQTT
/// and TLS against a running node, reporting readings and following desired state, for demos and load.
/// </summary>
internal static class SimulateCommand
{
    private const string MqttVariable = "MIRRORSPACE_MQTT";
    private const string CaFileVariable = "MIRRORSPACE_CAFILE";
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var devices = new Option<int>("--devices") { Description = "How many devices (one twin each).", DefaultValueFactory = _ => 3 };
        var rate = new Option<double>("--rate") { Description = "Readings per second per device; 0 sends each as soon as the last is acknowledged.", DefaultValueFactory = _ => 1 };
        var duration = DurationOption.Create("--duration", "Stop after this long, e.g. 30s or 5m (default: until Ctrl-C).");
        var model = new Option<string>("--model") { Description = "The model of twins to create (published from samples/models if the tenant lacks it).", DefaultValueFactory = _ => "centrifugal-pump" };
        var prefix = new Option<string>("--twin-prefix") { Description = "Twins are PREFIX1..PREFIXn, created when missing.", DefaultValueFactory = _ => "sim-" };
        var mqtt = new Option<string?>("--mqtt") { Description = $"The node's MQTT over TLS address (default: ${MqttVariable}, else mqtts://127.0.0.1:8883)." };
        var caFile = new Option<FileInfo?>("--cafile") { Description = $"Trust only this CA for the node's certificate, e.g. its data directory's ca.pem (default: ${CaFileVariable}, else the system's roots)." };
        var seed = new Option<int?>("--seed") { Description = "Seed the readings, for a repeatable run." };
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command("simulate", "Drive simulated devices over MQTT against a running node.")
        {
            devices, rate, duration, model, prefix, mqtt, caFile, seed, url, key, json,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new SimulateRequest(
                result.GetValue(devices), result.GetValue(rate), result.GetValue(duration), result.GetValue(model)!, result.GetValue(prefix)!,
                result.GetValue(mqtt), result.GetValue(caFile), result.GetValue(seed), result.GetValue(json)),
            result.GetValue(url),
            result.GetValue(key),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SimulateRequest request, string? url, string? apiKey, CancellationToken cancellationToken)
    {
        if (request.Check() is { } invalid)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, invalid);
        }

        if (!BrokerAddress.TryParse(request.Mqtt ?? Environment.GetEnvironmentVariable(MqttVariable) ?? "mqtts://127.0.0.1:8883", out var broker, out var brokerError))
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, brokerError);
        }

        CertificateAuthorityTrust? trust = null;
        var caPath = request.CaFile?.FullName ?? Environment.GetEnvironmentVariable(CaFileVariable);
        if (caPath is not null && (trust = CertificateAuthorityTrust.FromPemFile(caPath, out var caError)) is null)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, caError!);
        }

        using var node = NodeClient.Create(url, apiKey);
        if (node is null)
        {
            return ExitCodes.InvalidInput;
        }

        using var stop = new StopSignal(cancellationToken);
        using var logging = CliLogging.Create();
        var setup = new SimulationSetup(node, Path.Combine(AppContext.BaseDirectory, "samples"));
        IReadOnlyList<SimulatedTwin> twins;
        try
        {
            (twins, var exitCode) = await setup.PrepareAsync(request.TwinIds, request.Model, stop.Token);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            return ConsoleOutput.Error(ExitCodes.Failure, "stopped before the devices were ready");
        }

        try
        {
            using var session = new SimulationSession(twins, new ConnectionSettings { Broker = broker, Trust = trust }, request.Seed, TimeProvider.System, logging);
            if (await session.Runner.ConnectAsync(stop.Token) is { } failure)
            {
                return ConsoleOutput.Error(ExitCodes.Failure, failure);
            }

            var elapsed = await session.Runner.RunAsync(
                request.Rate, request.Duration, stop.Token, request.Json ? null : new SimulationProgress(ReportEvery, SimulationReport.Live));
            await session.Runner.DisconnectAsync();
            var summary = SimulationSummary.Of(session.Counters.Snapshot(), elapsed, session.DeviceCount, request.Rate);
            if (request.Json)
            {
                ConsoleOutput.Json(new { model = request.Model, twins = request.TwinIds, mqtt = broker.ToString(), summary });
            }
            else
            {
                SimulationReport.Summary(summary, $"model {request.Model}, twins {request.TwinIds[0]}..{request.TwinIds[^1]}");
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            // Stopped while connecting: nothing ran, nothing to report.
            return ExitCodes.Success;
        }
        finally
        {
            await setup.ReleaseAsync(twins, CancellationToken.None);
        }
    }

    private sealed record SimulateRequest(
        int Devices, double Rate, TimeSpan? Duration, string Model, string TwinPrefix, string? Mqtt, FileInfo? CaFile, int? Seed, bool Json)
    {
        public IReadOnlyList<string> TwinIds { get; } = [.. Enumerable.Range(1, Math.Max(Devices, 0)).Select(i => $"{TwinPrefix}{i}")];

        public string? Check() =>
            Devices is < 1 or > 10_000 ? "--devices must be between 1 and 10000"
            : !double.IsFinite(Rate) || Rate is < 0 or > 10_000 ? "--rate must be between 0 and 10000 readings per second"
            : !Identifiers.IsValidModelId(Model) ? $"'{Model}' is not a model id"
            : TwinIds.FirstOrDefault(id => !Identifiers.IsValidTwinId(id)) is { } bad ? $"'{bad}' is not a valid twin id; choose another --twin-prefix"
            : null;
    }
}
