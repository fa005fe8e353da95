using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Security.Tests.Crypto;

/// <summary>Shared contexts and payloads for the crypto tests.</summary>
internal static class Envelopes
{
    public static readonly RecordContext EventOfA = new("tenant-a", "event.payload", "pump-1/1");

    public static byte[] Payload(int size = 256)
    {
        var payload = new byte[size];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 31 + 7);
        }

        return payload;
    }
}
