using Microsoft.Extensions.Hosting;
using System.CommandLine;
using Mirrorspace.Security.Tls;

namespace Mirrorspace.Cli.Commands;

/// <summary><c>mirrorspace serve --data DIR</c>: runs one node until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var http = CommonOptions.Http();
        var mqtt = CommonOptions.Mqtt();
        var json = CommonOptions.Json();
        var command = new Command("serve", "Run a node on an initialized data directory.") { data, http, mqtt, json };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(data)!, result.GetValue(http), result.GetValue(mqtt), result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, string? http, string? mqtt, bool json, CancellationToken cancellationToken)
    {
        var (app, exitCode) = await NodeRunner.StartAsync(dataDirectory, http, mqtt, cancellationToken);
        if (app is null)
        {
            return exitCode;
        }

        await using (app)
        {
            var url = NodeRunner.BaseUrl(app);
            var mqttUrl = NodeRunner.MqttUrl(app);
            var caFile = Path.Combine(Path.GetFullPath(dataDirectory), NodeCertificates.CaFileName);
            if (json)
            {
                ConsoleOutput.Json(new { url, mqtt = mqttUrl, caFile, dataDirectory = Path.GetFullPath(dataDirectory) });
            }
            else
            {
                Console.WriteLine($"Mirrorspace is listening on {url} (Ctrl-C to stop)");
                if (mqttUrl is not null)
                {
                    Console.WriteLine($"MQTT over TLS on {mqttUrl} (clients trust {caFile})");
                }
            }

            await app.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Success;
    }
}
