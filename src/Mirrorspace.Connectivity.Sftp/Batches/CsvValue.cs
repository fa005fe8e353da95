using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mirrorspace.Domain.Common;

namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>
/// Reads a CSV value as a JSON scalar: a finite JSON number, <c>true</c> or <c>false</c>; anything
/// else, and every quoted field, is a string. <c>null</c> is a string too: a batch row reports a
/// value, it never removes a property.
/// </summary>
internal static partial class CsvValue
{
    public static JsonNode Parse(CsvField field)
    {
        if (field.Quoted)
        {
            return JsonValue.Create(field.Text);
        }

        switch (field.Text)
        {
            case "true":
                return JsonValue.Create(true);
            case "false":
                return JsonValue.Create(false);
        }

        // The grammar check comes first, so parsing can never throw; the number keeps its literal text.
        if (JsonNumberPattern().IsMatch(field.Text) && JsonNode.Parse(field.Text) is { } number && JsonNumbers.TryGetFinite(number, out _))
        {
            return number;
        }

        return JsonValue.Create(field.Text);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumberPattern();
}
