using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Mirrorspace.Cli.Simulation;
using Mirrorspace.Domain.Common;
using Mirrorspace.Simulation;
using Mirrorspace.Simulation.Attacks;
using Mirrorspace.Simulation.Metrics;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace simulate --devices N --rate R</c>: N simulated devices with real credentials over MQTT
/// and TLS against a running node, reporting readings and following desired state, for demos and load.
/// <c>--scenario attacks</c> instead injects attacks and reports what the node detected (<see cref="AttackRun"/>).
/// </summary>
internal static class SimulateCommand
{
    private const string MqttVariable = "MIRRORSPACE_MQTT";
    private const string CaFileVariable = "MIRRORSPACE_CAFILE";
    private const string Readings = "readings";
    private const string Attacks = "attacks";
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "readings: steady readings, for demos and load; attacks: attacks on signing devices, and a report of what the node detected.",
            DefaultValueFactory = _ => Readings,
        };
        scenario.AcceptOnlyFromAmong(Readings, Attacks);
        var devices = new Option<int?>("--devices") { Description = "How many devices, one twin each (default 3; 8 for attacks)." };
        var rate = new Option<double?>("--rate") { Description = "Readings per second per device; 0 sends each as soon as the last is acknowledged (default 1; 15 for attacks)." };
        var duration = DurationOption.Create("--duration", "Stop after this long, e.g. 30s or 5m (default: until Ctrl-C; 2m for attacks).");
        var model = new Option<string>("--model") { Description = "The model of twins to create (published from samples/models if the tenant lacks it).", DefaultValueFactory = _ => "centrifugal-pump" };
        var prefix = new Option<string?>("--twin-prefix") { Description = "Twins are PREFIX1..PREFIXn, created when missing (default sim-; a new attack-XXXXXX- for every attack run)." };
        var mqtt = new Option<string?>("--mqtt") { Description = $"The node's MQTT over TLS address (default: ${MqttVariable}, else mqtts://127.0.0.1:8883)." };
        var caFile = new Option<FileInfo?>("--cafile") { Description = $"Trust only this CA for the node's certificate, e.g. its data directory's ca.pem (default: ${CaFileVariable}, else the system's roots)." };
        var seed = new Option<int?>("--seed") { Description = "Seed the readings (and the attack plan), for a repeatable run." };
        var warmUp = new Option<int?>("--warm-up") { Description = "Attacks: clean readings per device before the first attack (default 1050: the drift check learns over 1000)." };
        var report = new Option<FileInfo?>("--report") { Description = "Attacks: write the detection report to this JSON file." };
        var requireGoals = new Option<bool>("--require-goals") { Description = $"Attacks: exit with {ExitCodes.GoalsNotMet} unless every attack class met its detection goal." };
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command("simulate", "Drive simulated devices over MQTT against a running node.")
        {
            scenario, devices, rate, duration, model, prefix, mqtt, caFile, seed, warmUp, report, requireGoals, url, key, json,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var node = new NodeRequest(result.GetValue(mqtt), result.GetValue(caFile), result.GetValue(url), result.GetValue(key));
            if (result.GetValue(scenario) == Attacks)
            {
                if (result.GetResult(model) is { Implicit: false })
                {
                    return Task.FromResult(ConsoleOutput.Error(ExitCodes.InvalidInput, "--model does not apply to the attack scenario, which brings its own"));
                }

                var defaults = new AttackSettings();
                var settings = new AttackSettings
                {
                    Devices = result.GetValue(devices) ?? defaults.Devices,
                    RatePerSecond = result.GetValue(rate) ?? defaults.RatePerSecond,
                    Duration = result.GetValue(duration) ?? defaults.Duration,
                    WarmUpReadings = result.GetValue(warmUp) ?? defaults.WarmUpReadings,
                    Seed = result.GetValue(seed),
                };
                return RunAttacksAsync(settings, result.GetValue(prefix), node, result.GetValue(report), result.GetValue(requireGoals), result.GetValue(json), cancellationToken);
            }

            if (result.GetValue(warmUp) is not null || result.GetValue(report) is not null || result.GetValue(requireGoals))
            {
                return Task.FromResult(ConsoleOutput.Error(ExitCodes.InvalidInput, "--warm-up, --report and --require-goals belong to --scenario attacks"));
            }

            var request = new SimulateRequest(
                result.GetValue(devices) ?? 3, result.GetValue(rate) ?? 1, result.GetValue(duration), result.GetValue(model)!, result.GetValue(prefix) ?? "sim-",
                result.GetValue(seed), result.GetValue(json));
            return RunAsync(request, node, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(SimulateRequest request, NodeRequest nodeRequest, CancellationToken cancellationToken)
    {
        if (request.Check() is { } invalid)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, invalid);
        }

        var (connection, node, openExit) = nodeRequest.Open();
        using var client = node;
        if (connection is null || client is null)
        {
            return openExit;
        }

        using var stop = new StopSignal(cancellationToken);
        using var logging = CliLogging.Create();
        var setup = new SimulationSetup(client, Path.Combine(AppContext.BaseDirectory, "samples"));
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
            using var session = new SimulationSession(twins, connection, request.Seed, TimeProvider.System, logging);
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
                ConsoleOutput.Json(new { model = request.Model, twins = request.TwinIds, mqtt = connection.Broker.ToString(), summary });
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

    private static async Task<int> RunAttacksAsync(
        AttackSettings settings, string? twinPrefix, NodeRequest nodeRequest, FileInfo? report, bool requireGoals, bool json, CancellationToken cancellationToken)
    {
        // New twins for every run: a twin's detectors remember what earlier readings taught them.
        twinPrefix ??= $"attack-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}-";
        var lastTwin = string.Create(CultureInfo.InvariantCulture, $"{twinPrefix}{settings.Devices}");
        if ((settings.Check() ?? (Identifiers.IsValidTwinId(lastTwin) ? null : $"'{lastTwin}' is not a valid twin id; choose another --twin-prefix")) is { } invalid)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, invalid);
        }

        var (connection, node, openExit) = nodeRequest.Open();
        using var client = node;
        if (connection is null || client is null)
        {
            return openExit;
        }

        using var stop = new StopSignal(cancellationToken);
        return await AttackRun.RunAsync(settings, twinPrefix, client, connection, report, requireGoals, json, stop.Token);
    }

    /// <summary>Where the node is and how to trust it, from the options or else the environment.</summary>
    private sealed record NodeRequest(string? Mqtt, FileInfo? CaFile, string? Url, string? ApiKey)
    {
        /// <summary>The MQTT settings and an API client; on failure nulls and the exit code, after one error line.</summary>
        public (ConnectionSettings? Connection, NodeClient? Node, int ExitCode) Open()
        {
            if (!BrokerAddress.TryParse(Mqtt ?? Environment.GetEnvironmentVariable(MqttVariable) ?? "mqtts://127.0.0.1:8883", out var broker, out var brokerError))
            {
                return (null, null, ConsoleOutput.Error(ExitCodes.InvalidInput, brokerError));
            }

            CertificateAuthorityTrust? trust = null;
            var caPath = CaFile?.FullName ?? Environment.GetEnvironmentVariable(CaFileVariable);
            if (caPath is not null && (trust = CertificateAuthorityTrust.FromPemFile(caPath, out var caError)) is null)
            {
                return (null, null, ConsoleOutput.Error(ExitCodes.InvalidInput, caError!));
            }

            var node = NodeClient.Create(Url, ApiKey);
            return node is null ? (null, null, ExitCodes.InvalidInput) : (new ConnectionSettings { Broker = broker, Trust = trust }, node, ExitCodes.Success);
        }
    }

    private sealed record SimulateRequest(int Devices, double Rate, TimeSpan? Duration, string Model, string TwinPrefix, int? Seed, bool Json)
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
