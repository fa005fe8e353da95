using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands.Connectors;

/// <summary>
/// <c>mirrorspace connector run</c>: runs a connector now and prints the result. Exit codes: 0 when
/// everything was ingested, 1 when rows or files were refused or the server could not be reached,
/// 9 when the host key or the login was refused.
/// </summary>
internal static class ConnectorRunCommand
{
    public static Command Create()
    {
        var (url, id, json) = (ConnectorOptions.Url(), ConnectorOptions.Id(), CommonOptions.Json());
        var command = new Command("run", "Run a connector now and print what it ingested and refused.") { url, id, json };
        command.SetAction((result, ct) => RunAsync(result.GetValue(url)!, result.GetValue(id)!, result.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(string url, string id, bool json, CancellationToken cancellationToken)
    {
        var (client, exitCode) = NodeClient.Create(url);
        if (client is null)
        {
            return exitCode;
        }

        JsonNode? result;
        using (client)
        {
            (result, exitCode) = await client.SendAsync(HttpMethod.Post, $"/api/v1/connectors/{Uri.EscapeDataString(id)}/run", null, cancellationToken);
        }

        if (result is null)
        {
            return exitCode;
        }

        if (json)
        {
            Console.Out.WriteLine(result.ToJsonString());
        }
        else
        {
            Print(result);
        }

        return result["status"]!.GetValue<string>() switch
        {
            "completed" when result["rowsRefused"]!.GetValue<long>() == 0 && result["filesFailed"]!.GetValue<int>() == 0 => ExitCodes.Success,
            "hostKeyRefused" or "authenticationFailed" => ExitCodes.Refused,
            _ => ExitCodes.Failure,
        };
    }

    private static void Print(JsonNode r)
    {
        if (r["status"]!.GetValue<string>() != "completed")
        {
            Console.Out.WriteLine($"{r["connectorId"]}: {r["status"]}: {r["error"]}");
            return;
        }

        Console.Out.WriteLine(
            $"{r["connectorId"]}: {r["filesSeen"]} files seen, {r["filesIngested"]} ingested, {r["filesSkipped"]} already processed, {r["filesFailed"]} failed; "
            + $"{r["rowsAccepted"]} rows accepted, {r["rowsRefused"]} refused");
        foreach (var file in r["files"]!.AsArray().Where(f => f?["problem"] is not null))
        {
            Console.Out.WriteLine($"  {file!["file"]}: {file["problem"]}");
        }

        foreach (var refusal in r["refusals"]!.AsArray())
        {
            Console.Out.WriteLine($"  {refusal!["file"]}:{refusal["line"]}: {refusal["reason"]}");
        }

        if (r["refusalsTruncated"]!.GetValue<bool>())
        {
            Console.Out.WriteLine("  (more refused rows than listed)");
        }
    }
}
