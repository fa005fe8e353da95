using System.Buffers.Binary;
using System.Text;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// Associated data is built from length-prefixed UTF-8 strings (4-byte big-endian length, then
/// the bytes), so no two different field lists can encode to the same bytes: ("ab", "c") and
/// ("a", "bc") differ.
/// </summary>
internal static class LengthPrefixed
{
    public static int SizeOf(string value) => sizeof(int) + Encoding.UTF8.GetByteCount(value);

    public static int Write(Span<byte> destination, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, destination[sizeof(int)..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, written);
        return sizeof(int) + written;
    }

    public static int Write(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, value.Length);
        value.CopyTo(destination[sizeof(int)..]);
        return sizeof(int) + value.Length;
    }
}
