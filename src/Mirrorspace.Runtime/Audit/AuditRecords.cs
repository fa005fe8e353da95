using Mirrorspace.Security.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>Turns what a caller asked to record into a bounded, well-formed entry.</summary>
internal static class AuditRecords
{
    private const int MaxIdLength = 256;
    private const int MaxTextLength = 1_024;
    private const int MaxProperties = 256;

    /// <summary>Cleans the record's text; throws <see cref="ArgumentException"/> for a record that says nothing.</summary>
    public static AuditRecord Clean(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(record.Principal) || string.IsNullOrWhiteSpace(record.Action))
        {
            throw new ArgumentException("An audit record needs a principal and an action.", nameof(record));
        }

        if (!Enum.IsDefined(record.Outcome))
        {
            throw new ArgumentException($"Unknown audit outcome {record.Outcome}.", nameof(record));
        }

        if (record.Properties is { Count: > MaxProperties })
        {
            throw new ArgumentException($"An audit record names at most {MaxProperties} properties.", nameof(record));
        }

        return record with
        {
            TenantId = AuditText.Clean(record.TenantId, MaxIdLength),
            Principal = AuditText.Clean(record.Principal, MaxIdLength)!,
            Action = AuditText.Clean(record.Action, MaxIdLength)!,
            Resource = AuditText.Clean(record.Resource, MaxTextLength),
            Reason = AuditText.Clean(record.Reason, MaxTextLength),
            RemoteAddress = AuditText.Clean(record.RemoteAddress, MaxIdLength),
            Properties = record.Properties?.Select(p => AuditText.Clean(p ?? string.Empty, MaxIdLength)!).ToArray(),
            Purpose = AuditText.Clean(record.Purpose, MaxTextLength),
        };
    }

    public static AuditEntry ToEntry(AuditRecord record, long sequence, DateTimeOffset timestamp) => new()
    {
        Sequence = sequence,
        Timestamp = timestamp,
        TenantId = record.TenantId,
        Principal = record.Principal,
        Action = record.Action,
        Resource = record.Resource,
        Outcome = record.Outcome,
        Reason = record.Reason,
        RemoteAddress = record.RemoteAddress,
        Properties = record.Properties,
        Purpose = record.Purpose,
    };
}
