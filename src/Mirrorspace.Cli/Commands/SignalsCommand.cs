using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands;

/// <summary><c>mirrorspace signals TWIN [--after N]</c>: a twin's signals feed on a running node, read on from a signal id.</summary>
internal static class SignalsCommand
{
    public static Command Create()
    {
        var twin = new Argument<string>("twin") { Description = "The twin id." };
        var after = new Option<long>("--after") { Description = "Only signals after this id: the 'next' of an earlier call (default 0, from the start)." };
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command("signals", "Show what the node noticed about a twin's data (out of bounds, spikes, replays…), oldest first.") { twin, after, url, key, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var twinId = result.GetValue(twin)!;
            var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/twins/{Uri.EscapeDataString(twinId)}/signals?after={result.GetValue(after)}");
            var (feed, exitCode) = await NodeClient.SendOnceAsync(result.GetValue(url), result.GetValue(key), HttpMethod.Get, path, null, cancellationToken);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }

            if (result.GetValue(json))
            {
                Console.WriteLine(feed!.ToJsonString());
                return ExitCodes.Success;
            }

            var signals = feed!["items"]!.AsArray().OfType<JsonObject>().ToList();
            if (signals.Count > 0)
            {
                ConsoleTables.Write(
                    ["id", "at", "kind", "property", "device", "verdict", "detail"],
                    signals.Select(s => new[]
                    {
                        ConsoleTables.Text(s["id"]), ConsoleTables.Text(s["at"]), ConsoleTables.Text(s["kind"]), ConsoleTables.Text(s["property"]),
                        ConsoleTables.Text(s["deviceId"]), ConsoleTables.Text(s["verdict"]), ConsoleTables.Text(s["detail"]),
                    }));
            }
            else
            {
                Console.WriteLine($"No signals after {result.GetValue(after)}.");
            }

            Console.WriteLine($"Read on with: mirrorspace signals {twinId} --after {feed["next"]}");
            return ExitCodes.Success;
        });
        return command;
    }
}
