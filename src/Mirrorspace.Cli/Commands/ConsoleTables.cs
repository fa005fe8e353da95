using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// Tables for people. Cells are plain text, never markup, and control characters are shown as
/// <c>\u001b</c> and the like: values come from devices, and must not restyle or drive the terminal.
/// </summary>
internal static class ConsoleTables
{
    public static void Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new Table();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(Printable(cell))));
        }

        Console().Write(table);
    }

    /// <summary>A two-column table of names and values, for one record.</summary>
    public static void WriteFields(IEnumerable<(string Name, string? Value)> fields) =>
        Write(["field", "value"], fields.Select(f => new[] { f.Name, f.Value }));

    /// <summary>A JSON value as a cell: a string without its quotes, anything else as JSON, nothing as nothing.</summary>
    public static string? Text(JsonNode? node) =>
        node is null ? null : node.GetValueKind() is JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static string Printable(string? text)
    {
        var printable = new StringBuilder();
        foreach (var c in text ?? string.Empty)
        {
            if (char.IsControl(c))
            {
                printable.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }

    private static IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });

        // A pipe has no width: rows stay whole there, so grep and cut see entire values.
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 4096;
        }

        return console;
    }
}
