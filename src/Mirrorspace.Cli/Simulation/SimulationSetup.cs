using System.Buffers.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using Mirrorspace.Cli.Commands;
using Mirrorspace.Domain.Models;
using Mirrorspace.Simulation.Behaviour;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Cli.Simulation;

/// <summary>
/// Gets a running node ready for simulated devices, through its HTTP API: the model (published from
/// <c>samples/models</c> when the tenant lacks it), the twins, and one newly registered device per
/// twin. Every failure has already been printed as one error line when an exit code comes back.
/// </summary>
/// <param name="signing">When set, each device is registered with this signing policy (e.g. <c>{"algorithm": "HS256"}</c>) and its key kept.</param>
internal sealed class SimulationSetup(NodeClient node, string samplesDirectory, JsonObject? signing = null)
{
    private static readonly string[] SampleExtensions = [".json", ".yaml"];
    private readonly Dictionary<(string, int), TwinModel> _models = [];

    /// <param name="createWithModel">Creates missing twins from this model; null: the twins must exist.</param>
    public async Task<(IReadOnlyList<SimulatedTwin> Twins, int ExitCode)> PrepareAsync(
        IReadOnlyList<string> twinIds, string? createWithModel, CancellationToken cancellationToken)
    {
        if (createWithModel is not null && await EnsureModelAsync(createWithModel, cancellationToken) is var ensured and not ExitCodes.Success)
        {
            return ([], ensured);
        }

        var twins = new List<SimulatedTwin>();
        try
        {
            return await PrepareTwinsAsync(twinIds, createWithModel, twins, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopped half way: the devices registered so far would be orphans.
            await ReleaseAsync(twins, CancellationToken.None);
            throw;
        }
    }

    private async Task<(IReadOnlyList<SimulatedTwin> Twins, int ExitCode)> PrepareTwinsAsync(
        IReadOnlyList<string> twinIds, string? createWithModel, List<SimulatedTwin> twins, CancellationToken cancellationToken)
    {
        foreach (var twinId in twinIds)
        {
            var (twin, exitCode) = createWithModel is null
                ? await node.SendAsync(HttpMethod.Get, $"api/v1/twins/{Uri.EscapeDataString(twinId)}", null, cancellationToken)
                : await node.SendAsync(HttpMethod.Put, $"api/v1/twins/{Uri.EscapeDataString(twinId)}", new JsonObject { ["model"] = createWithModel }, cancellationToken);
            if (exitCode != ExitCodes.Success)
            {
                await ReleaseAsync(twins, cancellationToken);
                return ([], exitCode);
            }

            var (model, modelExit) = await ModelOfAsync(twin!["model"]!.GetValue<string>(), twin["modelVersion"]!.GetValue<int>(), cancellationToken);
            if (model is null)
            {
                await ReleaseAsync(twins, cancellationToken);
                return ([], modelExit);
            }

            var registration = new JsonObject { ["twinId"] = twinId };
            if (signing is not null)
            {
                registration["signing"] = signing.DeepClone();
            }

            var (device, deviceExit) = await node.SendAsync(HttpMethod.Post, "api/v1/devices", registration, cancellationToken);
            if (deviceExit != ExitCodes.Success)
            {
                await ReleaseAsync(twins, cancellationToken);
                return ([], deviceExit);
            }

            var identity = new DeviceIdentity(device!["device"]!["deviceId"]!.GetValue<string>(), device["secret"]!.GetValue<string>(), twinId);
            var key = device["signingKey"]?.GetValue<string>() is { } encoded ? Base64Url.DecodeFromChars(encoded) : null;
            twins.Add(new SimulatedTwin(identity, model, twin["reported"] as JsonObject ?? [], key));
        }

        return (twins, ExitCodes.Success);
    }

    /// <summary>
    /// Deletes the devices registered for the run: their secrets lived only in this process. Best
    /// effort and quiet, since a node that is already gone has nothing left to clean.
    /// </summary>
    public Task ReleaseAsync(IEnumerable<SimulatedTwin> twins, CancellationToken cancellationToken) =>
        ReleaseAsync(twins.Select(t => t.Identity.DeviceId), cancellationToken);

    public async Task ReleaseAsync(IEnumerable<string> deviceIds, CancellationToken cancellationToken)
    {
        foreach (var deviceId in deviceIds)
        {
            await node.SendAsync(HttpMethod.Delete, $"api/v1/devices/{Uri.EscapeDataString(deviceId)}", null, cancellationToken, quiet: true);
        }
    }

    /// <summary>Publishes a model document; publishing the same document again changes nothing.</summary>
    public async Task<int> PublishModelAsync(JsonObject document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var modelId = document["id"]!.GetValue<string>();
        var (_, published) = await node.SendAsync(HttpMethod.Put, $"api/v1/models/{Uri.EscapeDataString(modelId)}", document, cancellationToken);
        return published;
    }

    private async Task<int> EnsureModelAsync(string modelId, CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var path = "api/v1/models?limit=100" + (after is null ? string.Empty : $"&after={Uri.EscapeDataString(after)}");
            var (page, exitCode) = await node.SendAsync(HttpMethod.Get, path, null, cancellationToken);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }

            if (page!["items"]!.AsArray().Any(m => m?["id"]?.GetValue<string>() == modelId))
            {
                return ExitCodes.Success;
            }

            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);

        var sample = SampleExtensions.Select(ext => Path.Combine(samplesDirectory, "models", modelId + ext)).FirstOrDefault(File.Exists);
        if (sample is null)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, $"the tenant has no model '{modelId}' and there is no sample of that name to publish");
        }

        var text = await File.ReadAllTextAsync(sample, cancellationToken);
        var parsed = sample.EndsWith(".yaml", StringComparison.Ordinal) ? ModelDocumentParser.ParseYaml(text) : ModelDocumentParser.ParseJson(text);
        if (!parsed.IsValid)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, $"sample model {sample} is not valid: {parsed.Errors[0]}");
        }

        return await PublishModelAsync((JsonObject)JsonNode.Parse(parsed.CanonicalJson)!, cancellationToken);
    }

    private async Task<(TwinModel? Model, int ExitCode)> ModelOfAsync(string modelId, int version, CancellationToken cancellationToken)
    {
        if (_models.TryGetValue((modelId, version), out var known))
        {
            return (known, ExitCodes.Success);
        }

        var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/models/{Uri.EscapeDataString(modelId)}?version={version}");
        var (answer, exitCode) = await node.SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (exitCode != ExitCodes.Success)
        {
            return (null, exitCode);
        }

        var parsed = ModelDocumentParser.ParseJson(answer!["document"]!.ToJsonString());
        if (!parsed.IsValid || !DeviceBehaviour.CanSimulate(parsed.Model))
        {
            return (null, ConsoleOutput.Error(ExitCodes.InvalidInput, $"model {modelId} v{version} has no numeric property a simulated device could report"));
        }

        _models[(modelId, version)] = parsed.Model;
        return (parsed.Model, ExitCodes.Success);
    }
}
