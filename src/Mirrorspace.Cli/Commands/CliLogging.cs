using Microsoft.Extensions.Logging;

namespace Mirrorspace.Cli.Commands;

/// <summary>Logging for commands that run without a node: one line per event on standard error, so standard output stays the command's own.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
}
