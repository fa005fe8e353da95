using System.Text.Json.Nodes;
using Mirrorspace.Cli.Commands;
using Mirrorspace.Simulation.Attacks;

namespace Mirrorspace.Cli.Simulation;

/// <summary>What the attack scenario reads back from a node, through its HTTP API; failures answer "unknown" rather than stop the run.</summary>
internal sealed class HttpAttackNode(NodeClient node) : IAttackNode
{
    private const int PageSize = 100;

    public async Task<DateTimeOffset?> LastReportedAsync(string twinId, CancellationToken cancellationToken)
    {
        var twin = await GetAsync($"api/v1/twins/{Uri.EscapeDataString(twinId)}", cancellationToken);
        return twin?["metadata"]?["reported"] is JsonObject reported && reported.Count > 0
            ? reported.Max(p => p.Value!["lastUpdated"]!.GetValue<DateTimeOffset>())
            : null;
    }

    public async Task<IReadOnlyList<NodeSignal>?> SignalsAsync(string twinId, CancellationToken cancellationToken)
    {
        var signals = new List<NodeSignal>();
        string? after = null;
        do
        {
            var path = $"api/v1/twins/{Uri.EscapeDataString(twinId)}/signals?limit={PageSize}" + (after is null ? string.Empty : $"&after={Uri.EscapeDataString(after)}");
            if (await GetAsync(path, cancellationToken) is not { } page)
            {
                return null;
            }

            var items = page["items"]!.AsArray();
            signals.AddRange(items.Select(s => new NodeSignal(s!["kind"]!.GetValue<string>(), s["property"]?.GetValue<string>(), s["at"]!.GetValue<DateTimeOffset>())));

            // The feed always answers a cursor (to poll with later); a page short of full is the end for now.
            after = items.Count < PageSize ? null : page["next"]?.ToString();
        }
        while (after is not null);

        return signals;
    }

    private async Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var (body, exitCode) = await node.SendAsync(HttpMethod.Get, path, null, cancellationToken, quiet: true);
            return exitCode == ExitCodes.Success ? body : null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's own timeout: unknown this time.
            return null;
        }
    }
}
