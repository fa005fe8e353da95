using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands.Connectors;

/// <summary>
/// <c>mirrorspace connector add</c>: creates or replaces a connector. Secrets are read from files
/// (<c>--password-file</c>, <c>--private-key-file</c>), never taken as arguments, and the node never
/// sends them back.
/// </summary>
internal static class ConnectorAddCommand
{
    public static Command Create()
    {
        var url = ConnectorOptions.Url();
        var id = ConnectorOptions.Id();
        var host = new Option<string>("--host") { Description = "SFTP server host name or address.", Required = true };
        var port = new Option<int>("--port") { Description = "SSH port.", DefaultValueFactory = _ => 22 };
        var user = new Option<string>("--user") { Description = "Login name.", Required = true };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = "File holding the password (first line)." };
        var keyFile = new Option<FileInfo?>("--private-key-file") { Description = "Private key file (OpenSSH or PEM)." };
        var passphraseFile = new Option<FileInfo?>("--passphrase-file") { Description = "File holding the private key's passphrase (first line)." };
        var hostKey = new Option<string>("--host-key") { Description = "The server's host key fingerprint as 'ssh-keygen -lf' prints it (SHA256:...).", Required = true };
        var folder = new Option<string>("--folder") { Description = "Remote folder to import from.", Required = true };
        var pattern = new Option<string>("--pattern") { Description = "File name glob, e.g. '*.csv'.", Required = true };
        var format = new Option<string>("--format") { Description = "csv or jsonl.", Required = true };
        var interval = new Option<string>("--interval") { Description = "How often to run, ISO 8601 (e.g. PT5M).", DefaultValueFactory = _ => "PT5M" };
        var keep = new Option<bool>("--keep") { Description = "Leave processed files in place instead of moving them to processed/." };
        var disabled = new Option<bool>("--disabled") { Description = "Run only on request, not on the interval." };
        var json = CommonOptions.Json();
        var command = new Command("add", "Create or replace an SFTP connector.")
        {
            url, id, host, port, user, passwordFile, keyFile, passphraseFile, hostKey, folder, pattern, format, interval, keep, disabled, json,
        };
        command.SetAction(async (result, ct) =>
        {
            var body = new JsonObject
            {
                ["host"] = result.GetValue(host),
                ["port"] = result.GetValue(port),
                ["user"] = result.GetValue(user),
                ["hostKeyFingerprint"] = result.GetValue(hostKey),
                ["remoteFolder"] = result.GetValue(folder),
                ["filePattern"] = result.GetValue(pattern),
                ["format"] = result.GetValue(format),
                ["interval"] = result.GetValue(interval),
                ["processed"] = result.GetValue(keep) ? "keep" : "move",
                ["enabled"] = !result.GetValue(disabled),
            };
            if (result.GetValue(passwordFile) is { } p)
            {
                body["password"] = FirstLine(await File.ReadAllTextAsync(p.FullName, ct));
            }

            if (result.GetValue(keyFile) is { } k)
            {
                body["privateKey"] = await File.ReadAllTextAsync(k.FullName, ct);
            }

            if (result.GetValue(passphraseFile) is { } pp)
            {
                body["passphrase"] = FirstLine(await File.ReadAllTextAsync(pp.FullName, ct));
            }

            return await PutAsync(result.GetValue(url)!, result.GetValue(id)!, body, result.GetValue(json), ct);
        });
        return command;
    }

    private static async Task<int> PutAsync(string url, string id, JsonObject body, bool json, CancellationToken cancellationToken)
    {
        var (client, exitCode) = NodeClient.Create(url);
        if (client is null)
        {
            return exitCode;
        }

        using (client)
        {
            var (connector, code) = await client.SendAsync(HttpMethod.Put, $"/api/v1/connectors/{Uri.EscapeDataString(id)}", body, cancellationToken);
            if (connector is null)
            {
                return code;
            }

            Console.Out.WriteLine(json ? connector.ToJsonString() : $"Connector {connector["id"]} saved ({connector["auth"]}, host key {connector["hostKeyFingerprint"]}).");
            return ExitCodes.Success;
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}
