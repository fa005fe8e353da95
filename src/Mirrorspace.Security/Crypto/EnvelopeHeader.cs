using System.Buffers.Binary;
using System.Text;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// The clear start of an envelope: format version, key kind, and which key — a tenant key version,
/// or a subject id. It is authenticated as part of the associated data, so changing it breaks the tag.
/// </summary>
/// <remarks>
/// Layout: byte 0 format version (1); byte 1 <see cref="KeyKind"/>; then for a tenant key the
/// version as a 4-byte big-endian integer (a 6-byte header, exactly 8 base64 characters), for a
/// subject key a 2-byte big-endian length and the subject id in UTF-8.
/// </remarks>
public readonly record struct EnvelopeHeader
{
    public const int MaxSubjectIdBytes = 512;
    public const int TenantHeaderLength = 6;

    private EnvelopeHeader(KeyKind kind, int keyVersion, string? subjectId)
    {
        Kind = kind;
        KeyVersion = keyVersion;
        SubjectId = subjectId;
    }

    public KeyKind Kind { get; }

    /// <summary>The tenant data key version; 0 for a subject key.</summary>
    public int KeyVersion { get; }

    /// <summary>The data subject whose key sealed the envelope; null for a tenant key.</summary>
    public string? SubjectId { get; }

    internal int EncodedLength => Kind == KeyKind.Tenant
        ? TenantHeaderLength
        : 4 + Encoding.UTF8.GetByteCount(SubjectId!);

    public static EnvelopeHeader ForTenantKey(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new EnvelopeHeader(KeyKind.Tenant, version, null);
    }

    public static EnvelopeHeader ForSubjectKey(string subjectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        if (Encoding.UTF8.GetByteCount(subjectId) > MaxSubjectIdBytes)
        {
            throw new ArgumentException($"A subject id is at most {MaxSubjectIdBytes} UTF-8 bytes.", nameof(subjectId));
        }

        return new EnvelopeHeader(KeyKind.Subject, 0, subjectId);
    }

    /// <summary>Reads the header at the start of <paramref name="envelope"/>; false when it is not a known format.</summary>
    public static bool TryRead(ReadOnlySpan<byte> envelope, out EnvelopeHeader header, out int length)
    {
        header = default;
        length = 0;
        if (envelope.Length < 2 || envelope[0] != EnvelopeCipher.FormatVersion)
        {
            return false;
        }

        switch ((KeyKind)envelope[1])
        {
            case KeyKind.Tenant when envelope.Length >= TenantHeaderLength:
                var version = BinaryPrimitives.ReadInt32BigEndian(envelope[2..]);
                if (version < 1)
                {
                    return false;
                }

                header = new EnvelopeHeader(KeyKind.Tenant, version, null);
                length = TenantHeaderLength;
                return true;
            case KeyKind.Subject when envelope.Length >= 4:
                int idLength = BinaryPrimitives.ReadUInt16BigEndian(envelope[2..]);
                if (idLength is 0 or > MaxSubjectIdBytes || envelope.Length < 4 + idLength)
                {
                    return false;
                }

                header = new EnvelopeHeader(KeyKind.Subject, 0, Encoding.UTF8.GetString(envelope.Slice(4, idLength)));
                length = 4 + idLength;
                return true;
            default:
                return false;
        }
    }

    internal int Write(Span<byte> destination)
    {
        destination[0] = EnvelopeCipher.FormatVersion;
        destination[1] = (byte)Kind;
        if (Kind == KeyKind.Tenant)
        {
            BinaryPrimitives.WriteInt32BigEndian(destination[2..], KeyVersion);
            return TenantHeaderLength;
        }

        var idLength = Encoding.UTF8.GetBytes(SubjectId!, destination[4..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)idLength);
        return 4 + idLength;
    }
}
