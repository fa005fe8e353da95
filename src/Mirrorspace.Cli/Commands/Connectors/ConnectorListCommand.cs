using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands.Connectors;

/// <summary><c>mirrorspace connector list</c>: the tenant's connectors, every page.</summary>
internal static class ConnectorListCommand
{
    public static Command Create()
    {
        var (url, json) = (ConnectorOptions.Url(), CommonOptions.Json());
        var command = new Command("list", "List the tenant's connectors (never their credentials).") { url, json };
        command.SetAction((result, ct) => RunAsync(result.GetValue(url)!, result.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(string url, bool json, CancellationToken cancellationToken)
    {
        var (client, exitCode) = NodeClient.Create(url);
        if (client is null)
        {
            return exitCode;
        }

        using (client)
        {
            string? after = null;
            do
            {
                var path = after is null ? "/api/v1/connectors" : $"/api/v1/connectors?after={Uri.EscapeDataString(after)}";
                var (page, code) = await client.SendAsync(HttpMethod.Get, path, null, cancellationToken);
                if (page is null)
                {
                    return code;
                }

                foreach (var connector in page["items"]!.AsArray().OfType<JsonObject>())
                {
                    Console.Out.WriteLine(json ? connector.ToJsonString() : Describe(connector));
                }

                after = page["next"]?.GetValue<string>();
            }
            while (after is not null);
        }

        return ExitCodes.Success;
    }

    private static string Describe(JsonObject c) =>
        $"{c["id"]}  {c["user"]}@{c["host"]}:{c["port"]}{c["remoteFolder"]}/{c["filePattern"]}  {c["format"]} every {c["interval"]}"
        + $"{(c["enabled"]!.GetValue<bool>() ? string.Empty : " (disabled)")}  host key {c["hostKeyFingerprint"]}";
}
