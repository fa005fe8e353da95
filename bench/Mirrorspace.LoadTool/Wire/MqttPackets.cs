using System.Buffers.Binary;
using System.Text;

namespace Mirrorspace.LoadTool.Wire;

/// <summary>
/// The few MQTT 5 control packets a publishing device needs, encoded and framed by hand (MQTT 5.0,
/// sections 2 and 3). Only the load tool uses them: it needs a client whose own cost per message is
/// small next to the broker's, so that the broker, not the generator, sets the measured rate.
/// </summary>
internal static class MqttPackets
{
    public const byte ConnAck = 2;
    public const byte PubAck = 4;
    public const byte Disconnect = 14;

    private const byte ConnectHeader = 0x10;
    private const byte PublishQos1Header = 0x32;
    private const byte UserNameFlag = 0x80;
    private const byte PasswordFlag = 0x40;
    private const byte CleanStartFlag = 0x02;
    private const byte ContentTypeProperty = 0x03;

    private static readonly byte[] ContentType = Encoding.UTF8.GetBytes("application/json");

    /// <summary>The longest fixed header: one type byte and a four-byte remaining length.</summary>
    public const int MaxFixedHeader = 5;

    /// <summary>CONNECT for MQTT 5 with a clean start, user name and password, and no properties.</summary>
    public static byte[] Connect(string clientId, string userName, string password, ushort keepAliveSeconds)
    {
        var body = new List<byte>(64);
        AppendString(body, "MQTT"u8);
        body.Add(5);
        body.Add(UserNameFlag | PasswordFlag | CleanStartFlag);
        body.Add((byte)(keepAliveSeconds >> 8));
        body.Add((byte)keepAliveSeconds);
        body.Add(0);
        AppendString(body, Encoding.UTF8.GetBytes(clientId));
        AppendString(body, Encoding.UTF8.GetBytes(userName));
        AppendString(body, Encoding.UTF8.GetBytes(password));

        var packet = new byte[1 + VariableLengthSize(body.Count) + body.Count];
        packet[0] = ConnectHeader;
        var at = 1 + WriteVariableLength(packet.AsSpan(1), body.Count);
        body.CopyTo(packet, at);
        return packet;
    }

    /// <summary>DISCONNECT with reason "normal disconnection".</summary>
    public static ReadOnlyMemory<byte> NormalDisconnect { get; } = new byte[] { 0xE0, 0x00 };

    /// <summary>
    /// Writes a QoS 1 PUBLISH of <paramref name="payload"/> to <paramref name="topic"/> (UTF-8) with a
    /// JSON content type into <paramref name="buffer"/>, growing it when needed; returns the packet's length.
    /// </summary>
    public static int WritePublish(ref byte[] buffer, ReadOnlySpan<byte> topic, ushort packetId, string payload)
    {
        var payloadBytes = Encoding.UTF8.GetByteCount(payload);
        var properties = 1 + 2 + ContentType.Length;
        var remaining = 2 + topic.Length + 2 + VariableLengthSize(properties) + properties + payloadBytes;
        var total = 1 + VariableLengthSize(remaining) + remaining;
        if (buffer.Length < total)
        {
            buffer = new byte[total * 2];
        }

        var span = buffer.AsSpan();
        span[0] = PublishQos1Header;
        var at = 1 + WriteVariableLength(span[1..], remaining);
        at += WriteString(span[at..], topic);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], packetId);
        at += 2;
        at += WriteVariableLength(span[at..], properties);
        span[at++] = ContentTypeProperty;
        at += WriteString(span[at..], ContentType);
        at += Encoding.UTF8.GetBytes(payload, span[at..]);
        return at;
    }

    /// <summary>
    /// Reads a fixed header at the start of <paramref name="data"/>: false while it is incomplete.
    /// A remaining length longer than four bytes is malformed (MQTT 5.0, 1.5.5).
    /// </summary>
    public static bool TryReadFixedHeader(ReadOnlySpan<byte> data, out byte type, out int headerLength, out int remainingLength)
    {
        type = 0;
        headerLength = 0;
        remainingLength = 0;
        if (data.Length < 2)
        {
            return false;
        }

        var multiplier = 1;
        for (var i = 1; i < MaxFixedHeader; i++)
        {
            if (i >= data.Length)
            {
                return false;
            }

            remainingLength += (data[i] & 0x7F) * multiplier;
            if ((data[i] & 0x80) == 0)
            {
                type = (byte)(data[0] >> 4);
                headerLength = i + 1;
                return true;
            }

            multiplier *= 128;
        }

        throw new IOException("malformed packet: remaining length longer than four bytes");
    }

    private static void AppendString(List<byte> body, ReadOnlySpan<byte> utf8)
    {
        body.Add((byte)(utf8.Length >> 8));
        body.Add((byte)utf8.Length);
        body.AddRange(utf8);
    }

    private static int WriteString(Span<byte> destination, ReadOnlySpan<byte> utf8)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, checked((ushort)utf8.Length));
        utf8.CopyTo(destination[2..]);
        return 2 + utf8.Length;
    }

    private static int VariableLengthSize(int value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    private static int WriteVariableLength(Span<byte> destination, int value)
    {
        var i = 0;
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            destination[i++] = value > 0 ? (byte)(digit | 0x80) : digit;
        }
        while (value > 0);
        return i;
    }
}
