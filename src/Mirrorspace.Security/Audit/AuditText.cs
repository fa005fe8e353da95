using System.Text;

namespace Mirrorspace.Security.Audit;

/// <summary>
/// Makes caller-supplied text safe to put in an entry: bounded in length (so one request cannot
/// flood the log) and valid UTF-16 (so the canonical encoding never has to guess).
/// </summary>
public static class AuditText
{
    public static string? Clean(string? value, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (value is null)
        {
            return null;
        }

        var text = value.Length > maxLength ? value[..maxLength] : value;
        return text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? ReplaceLoneSurrogates(text) : text;
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return builder.ToString();
    }
}
