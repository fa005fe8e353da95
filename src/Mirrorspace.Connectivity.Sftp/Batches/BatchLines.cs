using System.Text;

namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>Splits a file into numbered lines (LF or CRLF), each decoded as strict UTF-8 on its own, so one bad byte spoils one line only.</summary>
internal static class BatchLines
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every line with its number; <c>Text</c> is null for a line that is not valid UTF-8. A final line break ends the last line, it does not start an empty one.</summary>
    public static IEnumerable<(int Number, string? Text)> Read(ReadOnlyMemory<byte> content)
    {
        var rest = content;
        if (rest.Span.StartsWith(Utf8ByteOrderMark))
        {
            rest = rest[3..];
        }

        var number = 0;
        while (!rest.IsEmpty)
        {
            number++;
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (line.Span.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            yield return (number, Decode(line.Span));
        }
    }

    private static string? Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
