using System.Globalization;
using System.Text.Json;

namespace Mirrorspace.Runtime.Ingestion;

/// <summary>
/// The payload a signing device signs: <c>{"seq": 42, "ts": "2026-11-26T10:00:00Z", "reported": {…}}</c>.
/// The sequence number and time are inside the signature, so neither can be changed to slip a replay past.
/// </summary>
public sealed record SignedReading(uint Sequence, DateTimeOffset SentAt, string ReportedJson)
{
    public static SignedReading? TryParse(byte[] payload, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind is not JsonValueKind.Object)
            {
                error = "The signed payload must be a JSON object with seq, ts and reported.";
                return null;
            }

            if (!root.TryGetProperty("seq", out var seq) || seq.ValueKind is not JsonValueKind.Number || !seq.TryGetUInt32(out var sequence))
            {
                error = "seq must be an integer from 0 to 4294967295.";
                return null;
            }

            if (!root.TryGetProperty("ts", out var ts) || ts.ValueKind is not JsonValueKind.String
                || !DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt))
            {
                error = "ts must be an RFC 3339 time, e.g. 2026-11-26T10:00:00Z.";
                return null;
            }

            if (!root.TryGetProperty("reported", out var reported) || reported.ValueKind is not JsonValueKind.Object)
            {
                error = "reported must be a JSON object: the merge patch of the twin's reported state.";
                return null;
            }

            error = null;
            return new SignedReading(sequence, sentAt, reported.GetRawText());
        }
        catch (JsonException ex)
        {
            error = $"The signed payload is not JSON: {ex.Message}";
            return null;
        }
    }
}
