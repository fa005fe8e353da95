using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Storage.Sqlite.Audit;

/// <summary>Maps audit rows; column order is the SELECT order of Sql/Audit/*.sql.</summary>
internal static class AuditRows
{
    public static ChainedAuditEntry Entry(SqliteDataReader row) => new(
        new AuditEntry
        {
            Sequence = row.GetInt64(0),
            Timestamp = Ticks.ToTimestamp(row.GetInt64(1)),
            TenantId = OptionalString(row, 2),
            Principal = row.GetString(3),
            Action = row.GetString(4),
            Resource = OptionalString(row, 5),
            Outcome = Outcome(row.GetString(6)),
            Reason = OptionalString(row, 7),
            RemoteAddress = OptionalString(row, 8),
            Properties = row.IsDBNull(9) ? null : Properties(row.GetString(9)),
            Purpose = OptionalString(row, 10),
        },
        row.GetFieldValue<byte[]>(11));

    public static Checkpoint Checkpoint(SqliteDataReader row) => new()
    {
        TreeSize = row.GetInt64(0),
        RootHash = row.GetFieldValue<byte[]>(1),
        ChainHead = row.GetFieldValue<byte[]>(2),
        Timestamp = Ticks.ToTimestamp(row.GetInt64(3)),
        KeyId = row.GetString(4),
        Signature = row.GetFieldValue<byte[]>(5),
    };

    public static string? PropertiesJson(IReadOnlyList<string>? properties)
    {
        if (properties is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var name in properties)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? OptionalString(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    // A stored outcome that is no outcome (someone edited the row) must not stop verification: it
    // becomes a value the canonical encoding refuses, so the entry reads as changed.
    private static AuditOutcome Outcome(string name) => name switch
    {
        "success" => AuditOutcome.Success,
        "denied" => AuditOutcome.Denied,
        "failed" => AuditOutcome.Failed,
        _ => (AuditOutcome)(-1),
    };

    private static List<string> Properties(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not written by the node: keep the raw text, so the entry reads as changed rather than failing the read.
            return [json];
        }
    }
}
