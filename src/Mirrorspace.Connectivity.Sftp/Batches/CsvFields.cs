using System.Text;

namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>
/// Splits one CSV line into fields (RFC 4180 quoting: <c>"a, b"</c>, <c>""</c> for a quote).
/// A record never spans lines here: a reading has no use for line breaks inside a value, and a line
/// that leaves a quote open is reported on its own instead of swallowing the lines after it.
/// Spaces around unquoted fields are trimmed.
/// </summary>
internal static class CsvFields
{
    public static bool TrySplit(string line, List<CsvField> fields, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        error = null;
        var position = 0;
        while (true)
        {
            while (position < line.Length && line[position] == ' ')
            {
                position++;
            }

            if (position < line.Length && line[position] == '"')
            {
                if (!TryReadQuoted(line, ref position, out var text, out error))
                {
                    return false;
                }

                fields.Add(new CsvField(text, Quoted: true));
            }
            else
            {
                var end = line.IndexOf(',', position);
                var raw = end < 0 ? line[position..] : line[position..end];
                if (raw.Contains('"', StringComparison.Ordinal))
                {
                    error = $"field {fields.Count + 1} has a quote inside an unquoted value";
                    return false;
                }

                fields.Add(new CsvField(raw.Trim(' '), Quoted: false));
                position = end < 0 ? line.Length : end;
            }

            if (position >= line.Length)
            {
                return true;
            }

            // The only thing that may follow a field is a comma and the next field.
            position++;
        }
    }

    private static bool TryReadQuoted(string line, ref int position, out string text, out string? error)
    {
        var builder = new StringBuilder();
        position++;
        while (position < line.Length)
        {
            var c = line[position++];
            if (c != '"')
            {
                builder.Append(c);
                continue;
            }

            if (position < line.Length && line[position] == '"')
            {
                builder.Append('"');
                position++;
                continue;
            }

            while (position < line.Length && line[position] == ' ')
            {
                position++;
            }

            if (position < line.Length && line[position] != ',')
            {
                (text, error) = (string.Empty, "a quoted field is followed by more text before the next comma");
                return false;
            }

            (text, error) = (builder.ToString(), null);
            return true;
        }

        (text, error) = (string.Empty, "a quoted field is not closed on its line");
        return false;
    }
}
