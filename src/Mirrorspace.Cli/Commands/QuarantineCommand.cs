using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands;

/// <summary><c>mirrorspace quarantine list|show|release|discard</c>: readings a running node held back instead of applying.</summary>
internal static class QuarantineCommand
{
    public static Command Create()
    {
        var command = new Command("quarantine", "List, inspect, release or discard the readings a running node held back.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Decide("release", "released", "Apply a held reading's values to its twin (you vouch for them) and mark it released."));
        command.Subcommands.Add(Decide("discard", "discarded", "Throw a held reading away; its twin does not change."));
        return command;
    }

    private static Command List()
    {
        var twin = new Option<string?>("--twin") { Description = "Only this twin's readings." };
        var state = new Option<string?>("--state") { Description = "Only readings in this state: held, released or discarded." };
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command("list", "List held readings, newest first (--json: one entry per line).") { twin, state, url, key, json };
        command.SetAction((result, cancellationToken) => ListAsync(
            result.GetValue(url), result.GetValue(key), result.GetValue(twin), result.GetValue(state), result.GetValue(json), cancellationToken));
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command("show", "Show a held reading: its values, why each was held, who sent it and what became of it.") { id, url, key, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (entry, exitCode) = await NodeClient.SendOnceAsync(
                result.GetValue(url), result.GetValue(key), HttpMethod.Get, EntryPath(result.GetValue(id)!), null, cancellationToken);
            return exitCode == ExitCodes.Success ? Print(entry!.AsObject(), result.GetValue(json)) : exitCode;
        });
        return command;
    }

    private static Command Decide(string decision, string done, string description)
    {
        var id = IdArgument();
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command(decision, description) { id, url, key, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (answer, exitCode) = await NodeClient.SendOnceAsync(
                result.GetValue(url), result.GetValue(key), HttpMethod.Post, $"{EntryPath(result.GetValue(id)!)}/{decision}", null, cancellationToken);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }

            var entry = answer!.AsObject();
            Console.WriteLine(result.GetValue(json)
                ? entry.ToJsonString()
                : $"{ConsoleTables.Text(entry["id"])} {done} by {ConsoleTables.Text(entry["decidedBy"])}; twin {ConsoleTables.Text(entry["twinId"])} {(decision == "release" ? "has its values now" : "is unchanged")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ListAsync(string? url, string? apiKey, string? twin, string? state, bool json, CancellationToken cancellationToken)
    {
        using var client = NodeClient.Create(url, apiKey);
        if (client is null)
        {
            return ExitCodes.InvalidInput;
        }

        var entries = new List<JsonObject>();
        string? after = null;
        do
        {
            var (page, exitCode) = await client.SendAsync(HttpMethod.Get, ListPath(twin, state, after), null, cancellationToken);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }

            entries.AddRange(page!["items"]!.AsArray().OfType<JsonObject>());
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);

        if (json)
        {
            entries.ForEach(entry => Console.WriteLine(entry.ToJsonString()));
        }
        else if (entries.Count == 0)
        {
            Console.WriteLine("No readings.");
        }
        else
        {
            ConsoleTables.Write(
                ["id", "twin", "device", "received", "state", "values", "held for"],
                entries.Select(e => new[] { ConsoleTables.Text(e["id"]), ConsoleTables.Text(e["twinId"]), ConsoleTables.Text(e["deviceId"]), ConsoleTables.Text(e["receivedAt"]), ConsoleTables.Text(e["state"]), Values(e), Reasons(e) }));
        }

        return ExitCodes.Success;
    }

    private static int Print(JsonObject entry, bool json)
    {
        if (json)
        {
            Console.WriteLine(entry.ToJsonString());
            return ExitCodes.Success;
        }

        var decided = entry["decidedAt"] is null ? null : $"{ConsoleTables.Text(entry["decidedAt"])} by {ConsoleTables.Text(entry["decidedBy"])}";
        ConsoleTables.WriteFields(
        [
            ("id", ConsoleTables.Text(entry["id"])),
            ("twin", ConsoleTables.Text(entry["twinId"])),
            ("device", ConsoleTables.Text(entry["deviceId"])),
            ("source", ConsoleTables.Text(entry["source"])),
            ("received", ConsoleTables.Text(entry["receivedAt"])),
            ("state", ConsoleTables.Text(entry["state"])),
            ("decided", decided),
            ("values", Values(entry)),
        ]);
        var reasons = entry["reasons"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (reasons.Count > 0)
        {
            ConsoleTables.Write(["property", "signal", "why"], reasons.Select(r => new[] { ConsoleTables.Text(r["property"]), ConsoleTables.Text(r["signal"]), ConsoleTables.Text(r["detail"]) }));
        }

        return ExitCodes.Success;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The held reading's id (q-…)." };

    private static string EntryPath(string id) => $"api/v1/quarantine/{Uri.EscapeDataString(id)}";

    private static string ListPath(string? twin, string? state, string? after)
    {
        var query = new List<string> { "limit=1000" };
        AddQuery(query, "twinId", twin);
        AddQuery(query, "state", state);
        AddQuery(query, "after", after);
        return $"api/v1/quarantine?{string.Join('&', query)}";
    }

    private static void AddQuery(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static string Values(JsonObject entry) =>
        entry["erased"]?.GetValue<bool>() == true ? "(erased with its data subject)" : entry["values"]?.ToJsonString() ?? string.Empty;

    private static string Reasons(JsonObject entry) =>
        string.Join(", ", entry["reasons"]?.AsArray().OfType<JsonObject>().Select(r => $"{ConsoleTables.Text(r["property"])}: {ConsoleTables.Text(r["signal"])}") ?? []);
}
