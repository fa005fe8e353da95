using System.Text.Json;

namespace Mirrorspace.Cli.Commands;

internal static class ConsoleOutput
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>One JSON object on one line, so scripts can read it line by line.</summary>
    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>Errors are one line on standard error.</summary>
    public static int Error(int exitCode, string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
