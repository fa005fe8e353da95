using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>
/// A run of one twin's events as the indexed history stores them (<c>twin_event_chunks.events</c>):
/// a JSON array of <c>[version, timestamp ticks, kind, payload, source]</c>, the shape SQLite's
/// <c>json_array</c> builds when the indexer groups the log, so the SQL and this class write the
/// same rows and either can read them.
/// </summary>
internal static class HistoryChunk
{
    /// <summary>
    /// A chunk holds versions of one bucket of this many (version / Versions): big enough that a
    /// move writes one row per twin for a hundred events, small enough that reading one event reads
    /// at most a few tens of kilobytes.
    /// </summary>
    public const int Versions = 128;

    // The stored text is never served as HTML; escaping only what JSON requires keeps it compact.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static long Bucket(long version) => version / Versions;

    /// <summary>The chunk's events in version order, whatever order they were stored in.</summary>
    public static List<TwinEvent> Decode(string events)
    {
        using var document = JsonDocument.Parse(events);
        var decoded = new List<TwinEvent>(document.RootElement.GetArrayLength());
        foreach (var e in document.RootElement.EnumerateArray())
        {
            decoded.Add(new TwinEvent
            {
                Version = e[0].GetInt64(),
                Timestamp = Ticks.ToTimestamp(e[1].GetInt64()),
                Kind = (TwinEventKind)e[2].GetInt32(),
                Payload = e[3].GetString()!,
                Source = e[4].GetString()!,
            });
        }

        decoded.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        return decoded;
    }

    public static string Encode(IEnumerable<TwinEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(e.Version);
                writer.WriteNumberValue(Ticks.From(e.Timestamp));
                writer.WriteNumberValue((int)e.Kind);
                writer.WriteStringValue(e.Payload);
                writer.WriteStringValue(e.Source);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
