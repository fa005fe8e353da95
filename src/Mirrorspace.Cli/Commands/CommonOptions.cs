using System.CommandLine;

namespace Mirrorspace.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string> Data(bool required, string? defaultValue = null)
    {
        var option = new Option<string>("--data") { Description = "The node's data directory.", Required = required };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        return option;
    }

    public static Option<string?> Http() =>
        new("--http") { Description = "HTTP listen address, e.g. http://127.0.0.1:8080 (default from settings: 127.0.0.1:8080)." };

    public static Option<string?> Mqtt() =>
        new("--mqtt") { Description = "MQTT over TLS listen address, ADDRESS:PORT (default from settings: 127.0.0.1:8883)." };

    public static Option<bool> Json() =>
        new("--json") { Description = "Print machine-readable JSON." };
}
