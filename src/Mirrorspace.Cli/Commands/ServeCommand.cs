using Microsoft.Extensions.Hosting;
using System.CommandLine;

namespace Mirrorspace.Cli.Commands;

/// <summary><c>mirrorspace serve --data DIR</c>: runs one node until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var http = CommonOptions.Http();
        var json = CommonOptions.Json();
        var command = new Command("serve", "Run a node on an initialized data directory.") { data, http, json };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(data)!, result.GetValue(http), result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, string? http, bool json, CancellationToken cancellationToken)
    {
        var (app, exitCode) = await NodeRunner.StartAsync(dataDirectory, http, cancellationToken);
        if (app is null)
        {
            return exitCode;
        }

        await using (app)
        {
            var url = NodeRunner.BaseUrl(app);
            if (json)
            {
                ConsoleOutput.Json(new { url, dataDirectory = Path.GetFullPath(dataDirectory) });
            }
            else
            {
                Console.WriteLine($"Mirrorspace is listening on {url} (Ctrl-C to stop)");
            }

            await app.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Success;
    }
}
