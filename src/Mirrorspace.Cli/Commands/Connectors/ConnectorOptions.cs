using System.CommandLine;

namespace Mirrorspace.Cli.Commands.Connectors;

internal static class ConnectorOptions
{
    public static Option<string> Url() => new("--url")
    {
        Description = "The running node's address.",
        DefaultValueFactory = _ => "http://127.0.0.1:8080",
    };

    public static Option<string> Id() => new("--id") { Description = "The connector id (lowercase letters, digits, '-').", Required = true };
}
