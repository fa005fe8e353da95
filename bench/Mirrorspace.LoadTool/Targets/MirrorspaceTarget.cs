using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.LoadTool.Targets;

/// <summary>
/// A Mirrorspace node as it ships (<c>mirrorspace init</c>, then <c>serve</c> in its own process), with
/// the bench model, a twin per device and a device registered per twin through the HTTP API.
/// </summary>
internal static class MirrorspaceTarget
{
    private static readonly string CliPath = Path.GetFullPath(typeof(MirrorspaceTarget).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliPath").Value!);

    /// <param name="environment">Variables for the node process only (runtime settings under test).</param>
    public static async Task<LoadTarget> StartAsync(
        int devices, string modelJson, string modelId, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var work = WorkDirectory.Create("mirrorspace-load");
        var data = Path.Combine(work, "data");
        var init = JsonNode.Parse(await ChildProcess.RunAsync("dotnet", [CliPath, "init", "--data", data, "--tenant", "Load Test", "--json"], cancellationToken))!;
        var apiKey = init["apiKey"]!.GetValue<string>();
        var node = ChildProcess.Start("dotnet", [CliPath, "serve", "--data", data, "--http", "http://127.0.0.1:0", "--mqtt", "127.0.0.1:0", "--json"], environment);
        try
        {
            var started = JsonNode.Parse(await ReadJsonLineAsync(node, cancellationToken))!;
            using var http = new HttpClient { BaseAddress = new Uri(started["url"]!.GetValue<string>()), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            await SendAsync(http, HttpMethod.Put, $"api/v1/models/{modelId}", modelJson, cancellationToken);
            var identities = new DeviceIdentity[devices];
            await Parallel.ForAsync(0, devices, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var twinId = $"load-{i + 1}";
                await SendAsync(http, HttpMethod.Put, $"api/v1/twins/{twinId}", $$"""{"model":"{{modelId}}"}""", ct);
                var device = JsonNode.Parse(await SendAsync(http, HttpMethod.Post, "api/v1/devices", $$"""{"twinId":"{{twinId}}"}""", ct))!;
                identities[i] = new DeviceIdentity(device["device"]!["deviceId"]!.GetValue<string>(), device["secret"]!.GetValue<string>(), twinId);
            });

            if (!BrokerAddress.TryParse(started["mqtt"]?.GetValue<string>(), out var broker, out var address))
            {
                throw new InvalidOperationException($"the node offers no MQTT over TLS: {address}");
            }

            var trust = CertificateAuthorityTrust.FromPemFile(started["caFile"]!.GetValue<string>(), out var error) ?? throw new InvalidOperationException(error);
            return new LoadTarget(
                "mirrorspace",
                "Mirrorspace node (mirrorspace serve): TLS, device secret checked at connect, per-device rate contract, model validation, encrypted SQLite history, PUBACK after the durable group commit",
                broker,
                trust,
                identities,
                node,
                work);
        }
        catch
        {
            await node.DisposeAsync();
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    private static async Task<string> ReadJsonLineAsync(ChildProcess node, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            var line = await node.ReadLineAsync(timeout.Token);
            if (line.StartsWith('{'))
            {
                return line;
            }
        }
    }

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string path, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }
}
