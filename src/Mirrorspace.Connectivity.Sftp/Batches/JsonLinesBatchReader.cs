using System.Text.Json;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Common;

namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>
/// Reads JSON lines: one object per line, <c>{"twinId": "...", "reported": {...}}</c> and nothing
/// else. Blank lines are skipped; every other line is one entry.
/// </summary>
internal static class JsonLinesBatchReader
{
    // Duplicate members are refused, as in API bodies: which of two values wins is an ambiguity to refuse, not resolve.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public static BatchParseResult Read(ReadOnlyMemory<byte> content)
    {
        var entries = new List<BatchEntry>();
        foreach (var (number, text) in BatchLines.Read(content))
        {
            if (text is null)
            {
                entries.Add(new MalformedEntry(number, "the line is not valid UTF-8"));
            }
            else if (!string.IsNullOrWhiteSpace(text))
            {
                entries.Add(ReadLine(number, text));
            }
        }

        return new BatchParseResult(entries, null);
    }

    private static BatchEntry ReadLine(int number, string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: ParseOptions);
        }
        catch (JsonException ex)
        {
            return new MalformedEntry(number, $"not valid JSON: {ex.Message}");
        }

        if (node is not JsonObject line)
        {
            return new MalformedEntry(number, "a line must be a JSON object");
        }

        if (line.Select(m => m.Key).FirstOrDefault(k => k is not ("twinId" or "reported")) is { } unknown)
        {
            return new MalformedEntry(number, $"unknown member '{unknown}': a line holds twinId and reported only");
        }

        if (line["twinId"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String || !Identifiers.IsValidTwinId(id.GetValue<string>()))
        {
            return new MalformedEntry(number, "twinId must be a valid twin id string");
        }

        if (line["reported"] is not JsonObject { Count: > 0 } reported)
        {
            return new MalformedEntry(number, "reported must be a JSON object with at least one property");
        }

        line.Remove("reported");
        return new PatchEntry(number, number, id.GetValue<string>(), reported, []);
    }
}
