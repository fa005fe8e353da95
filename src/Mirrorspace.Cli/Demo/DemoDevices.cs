using System.Text.Json;
using Microsoft.Extensions.Logging;
using Mirrorspace.Cli.Commands;
using Mirrorspace.Cli.Simulation;
using Mirrorspace.Security.Tls;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Cli.Demo;

/// <summary>
/// The demo's field devices: every demo twin gets a simulated device that reports over MQTT with a
/// credential of its own, the same way <c>mirrorspace simulate</c> drives a node, so the twins keep
/// getting live readings and follow the desired state an operator sets. The device ids of the last
/// run are kept in the data directory so a restarted demo replaces its own devices, and only those.
/// </summary>
internal sealed class DemoDevices(string dataDirectory, string samplesDirectory)
{
    /// <summary>One reading every two seconds per device: a lively history without a flood of events.</summary>
    public const double ReadingsPerSecond = 0.5;

    private const string FileName = "demo-devices.json";

    /// <summary>Registers the devices and connects them; null (after one error line) when that fails, and the demo runs without them.</summary>
    public async Task<SimulationSession?> StartAsync(
        string url, string apiKey, string mqttUrl, IReadOnlyList<string> twinIds, ILoggerFactory logging, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!BrokerAddress.TryParse(mqttUrl, out var broker, out var error)
            || CertificateAuthorityTrust.FromPemFile(Path.Combine(dataDirectory, NodeCertificates.CaFileName), out error) is not { } trust)
        {
            ConsoleOutput.Error(ExitCodes.Failure, $"demo devices: {error}");
            return null;
        }

        using var node = NodeClient.Create(url, apiKey)!;
        var setup = new SimulationSetup(node, samplesDirectory);
        await setup.ReleaseAsync(LoadPrevious(), cancellationToken);
        var (twins, exitCode) = await setup.PrepareAsync(twinIds, createWithModel: null, cancellationToken);
        if (exitCode != ExitCodes.Success)
        {
            return null;
        }

        await File.WriteAllTextAsync(Path.Combine(dataDirectory, FileName), JsonSerializer.Serialize(twins.Select(t => t.Identity.DeviceId).ToList()), cancellationToken);
        var session = new SimulationSession(twins, new ConnectionSettings { Broker = broker, Trust = trust }, seed: null, clock, logging);
        if (await session.Runner.ConnectAsync(cancellationToken) is { } failure)
        {
            ConsoleOutput.Error(ExitCodes.Failure, $"demo devices: {failure}");
            session.Dispose();
            return null;
        }

        return session;
    }

    private List<string> LoadPrevious()
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<List<string>>(File.ReadAllText(path)) ?? [] : [];
        }
        catch (JsonException)
        {
            // Not ours to fix: the worst case is a few stale device identities left registered.
            return [];
        }
    }
}
