using System.Text.Json.Nodes;
using Mirrorspace.Domain.Common;

namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>
/// Reads CSV with the header <c>twinId,property,value</c>. Consecutive rows of the same twin become
/// one patch (a device reporting several properties at once), until a property repeats or another
/// twin or a bad line comes; blank lines are skipped.
/// </summary>
internal static class CsvBatchReader
{
    public const string Header = "twinId,property,value";

    public static BatchParseResult Read(ReadOnlyMemory<byte> content)
    {
        var entries = new List<BatchEntry>();
        var fields = new List<CsvField>(3);
        var headerSeen = false;
        Group? group = null;
        foreach (var (number, text) in BatchLines.Read(content))
        {
            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!headerSeen)
            {
                if (text is null || !IsHeader(text, fields))
                {
                    return BatchParseResult.Unreadable($"line {number}: the first line must be the header {Header}");
                }

                headerSeen = true;
                continue;
            }

            if (Row(text, fields) is not (var twinId, var property, var value))
            {
                Flush(ref group, entries);
                entries.Add(new MalformedEntry(number, RowProblem(text, fields)));
                continue;
            }

            if (group is null || group.TwinId != twinId || group.Patch.ContainsKey(property))
            {
                Flush(ref group, entries);
                group = new Group(twinId);
            }

            group.Add(number, property, value);
        }

        Flush(ref group, entries);
        return headerSeen ? new BatchParseResult(entries, null) : BatchParseResult.Unreadable($"the file is empty: it needs at least the header {Header}");
    }

    private static bool IsHeader(string text, List<CsvField> fields) =>
        CsvFields.TrySplit(text, fields, out _)
        && fields.Count == 3
        && fields[0].Text.Equals("twinId", StringComparison.OrdinalIgnoreCase)
        && fields[1].Text.Equals("property", StringComparison.OrdinalIgnoreCase)
        && fields[2].Text.Equals("value", StringComparison.OrdinalIgnoreCase);

    private static (string TwinId, string Property, JsonNode Value)? Row(string? text, List<CsvField> fields) =>
        text is not null
            && CsvFields.TrySplit(text, fields, out _)
            && fields.Count == 3
            && Identifiers.IsValidTwinId(fields[0].Text)
            && Identifiers.IsValidName(fields[1].Text)
            ? (fields[0].Text, fields[1].Text, CsvValue.Parse(fields[2]))
            : null;

    /// <summary>Why a row is not a reading, named as precisely as the row allows; never echoes the value.</summary>
    private static string RowProblem(string? text, List<CsvField> fields)
    {
        if (text is null)
        {
            return "the line is not valid UTF-8";
        }

        if (!CsvFields.TrySplit(text, fields, out var error))
        {
            return $"not valid CSV: {error}";
        }

        if (fields.Count != 3)
        {
            return $"expected 3 fields (twinId,property,value), found {fields.Count}";
        }

        return !Identifiers.IsValidTwinId(fields[0].Text)
            ? $"'{Truncate(fields[0].Text)}' is not a valid twin id"
            : $"'{Truncate(fields[1].Text)}' is not a valid property name";
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static void Flush(ref Group? group, List<BatchEntry> entries)
    {
        if (group is not null)
        {
            entries.Add(group.ToEntry());
            group = null;
        }
    }

    private sealed class Group(string twinId)
    {
        private readonly List<PatchPart> _parts = [];

        public string TwinId { get; } = twinId;

        public JsonObject Patch { get; } = [];

        public void Add(int line, string property, JsonNode value)
        {
            Patch[property] = value;
            _parts.Add(new PatchPart(line, property, value));
        }

        public PatchEntry ToEntry() => new(_parts[0].Line, _parts[^1].Line, TwinId, Patch, _parts);
    }
}
