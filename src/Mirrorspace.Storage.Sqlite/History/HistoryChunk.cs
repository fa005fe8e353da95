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
    public static List<TwinEvent> Decode(string events) =>
        Decode(Encoding.UTF8.GetBytes(events), afterVersion: long.MinValue, from: long.MinValue, to: long.MaxValue);

    /// <summary>
    /// The chunk's events after <paramref name="afterVersion"/> with a timestamp (ticks) from
    /// <paramref name="from"/> to <paramref name="to"/>, in version order. The bounds are read first,
    /// so the values of the events left out are skipped, never copied.
    /// </summary>
    public static List<TwinEvent> Decode(ReadOnlySpan<byte> utf8, long afterVersion, long from, long to)
    {
        var decoded = new List<TwinEvent>();
        var reader = new Utf8JsonReader(utf8);
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) == JsonTokenType.StartArray)
        {
            var version = NextInt64(ref reader);
            var ticks = NextInt64(ref reader);
            var kind = (TwinEventKind)NextInt64(ref reader);
            Expect(ref reader, JsonTokenType.String);
            if (version > afterVersion && ticks >= from && ticks <= to)
            {
                var payload = reader.GetString()!;
                Expect(ref reader, JsonTokenType.String);
                decoded.Add(new TwinEvent
                {
                    Version = version,
                    Timestamp = Ticks.ToTimestamp(ticks),
                    Kind = kind,
                    Payload = payload,
                    Source = reader.GetString()!,
                });
            }
            else
            {
                Expect(ref reader, JsonTokenType.String);
            }

            Expect(ref reader, JsonTokenType.EndArray);
        }

        decoded.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        return decoded;
    }

    public static string Encode(IEnumerable<TwinEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = NewWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                WriteEvent(writer, e.Version, Ticks.From(e.Timestamp), (long)e.Kind, Encoding.UTF8.GetBytes(e.Payload), Encoding.UTF8.GetBytes(e.Source));
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A writer for a chunk's JSON, with the chunk's escaping.</summary>
    public static Utf8JsonWriter NewWriter(IBufferWriter<byte> buffer) => new(buffer, WriterOptions);

    /// <summary>One event of a chunk, <c>[version, ticks, kind, payload, source]</c>, the values given as UTF-8.</summary>
    public static void WriteEvent(Utf8JsonWriter writer, long version, long ticks, long kind, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> source)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(version);
        writer.WriteNumberValue(ticks);
        writer.WriteNumberValue(kind);
        writer.WriteStringValue(payload);
        writer.WriteStringValue(source);
        writer.WriteEndArray();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("A history chunk ends early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (Next(ref reader) != expected)
        {
            throw new JsonException($"A history chunk holds {reader.TokenType} where {expected} belongs.");
        }
    }

    private static long NextInt64(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.Number);
        return reader.GetInt64();
    }
}
