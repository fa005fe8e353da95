using System.Buffers.Binary;
using System.Text;

namespace Mirrorspace.Security.Audit;

/// <summary>
/// The canonical byte form of an <see cref="AuditEntry"/> (version 1), the Merkle leaf and the input
/// of the chain hash. Fixed field order, big-endian integers and length-prefixed UTF-8, so two
/// different entries can never encode to the same bytes:
/// <code>
/// u8 version = 1
/// i64 sequence
/// i64 timestamp (UTC, 100 ns ticks since 0001-01-01T00:00:00Z)
/// opt-str tenant | str principal | str action | opt-str resource
/// str outcome ("success" | "denied" | "failed")
/// opt-str reason | opt-str remoteAddress | opt-list properties | opt-str purpose
///
/// str      = u32 byte length, UTF-8 bytes
/// opt-str  = u8 0 (absent) | u8 1, str
/// opt-list = u8 0 (absent) | u8 1, u32 count, str × count
/// </code>
/// </summary>
public static class AuditEntryEncoding
{
    public const byte Version = 1;

    // Throws on lone surrogates instead of replacing them: two different strings must never share bytes.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Encode(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var outcome = OutcomeName(entry.Outcome);
        var size = 1 + 8 + 8
            + OptionalSize(entry.TenantId) + StringSize(entry.Principal) + StringSize(entry.Action) + OptionalSize(entry.Resource)
            + StringSize(outcome) + OptionalSize(entry.Reason) + OptionalSize(entry.RemoteAddress)
            + ListSize(entry.Properties) + OptionalSize(entry.Purpose);
        var buffer = new byte[size];
        var writer = new Writer(buffer);
        writer.Byte(Version);
        writer.Int64(entry.Sequence);
        writer.Int64(entry.Timestamp.UtcTicks);
        writer.Optional(entry.TenantId);
        writer.String(entry.Principal);
        writer.String(entry.Action);
        writer.Optional(entry.Resource);
        writer.String(outcome);
        writer.Optional(entry.Reason);
        writer.Optional(entry.RemoteAddress);
        writer.List(entry.Properties);
        writer.Optional(entry.Purpose);
        return writer.Position == size ? buffer : throw new InvalidOperationException("Audit entry size mismatch.");
    }

    public static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => "success",
        AuditOutcome.Denied => "denied",
        AuditOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown audit outcome."),
    };

    public static AuditOutcome ParseOutcome(string name) => name switch
    {
        "success" => AuditOutcome.Success,
        "denied" => AuditOutcome.Denied,
        "failed" => AuditOutcome.Failed,
        _ => throw new FormatException($"'{name}' is not an audit outcome."),
    };

    private static int StringSize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return 4 + Utf8.GetByteCount(value);
    }

    private static int OptionalSize(string? value) => value is null ? 1 : 1 + StringSize(value);

    private static int ListSize(IReadOnlyList<string>? values) => values is null ? 1 : 1 + 4 + values.Sum(StringSize);

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void Byte(byte value) => _buffer[Position++] = value;

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64BigEndian(_buffer[Position..], value);
            Position += 8;
        }

        public void String(string value)
        {
            var length = Utf8.GetBytes(value, _buffer[(Position + 4)..]);
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[Position..], (uint)length);
            Position += 4 + length;
        }

        public void Optional(string? value)
        {
            Byte(value is null ? (byte)0 : (byte)1);
            if (value is not null)
            {
                String(value);
            }
        }

        public void List(IReadOnlyList<string>? values)
        {
            Byte(values is null ? (byte)0 : (byte)1);
            if (values is null)
            {
                return;
            }

            BinaryPrimitives.WriteUInt32BigEndian(_buffer[Position..], (uint)values.Count);
            Position += 4;
            foreach (var value in values)
            {
                String(value);
            }
        }
    }
}
