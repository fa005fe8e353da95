using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>Signs readings the way a device does: a JWS compact serialization over <c>{"seq","ts","reported"}</c>.</summary>
public static class TestJws
{
    public static string Payload(uint sequence, DateTimeOffset sentAt, string reported) =>
        $$"""{"seq":{{sequence}},"ts":"{{sentAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}","reported":{{reported}}}""";

    public static string Hs256(byte[] key, string payload, string header = """{"alg":"HS256"}""") =>
        Sign(header, payload, input => HMACSHA256.HashData(key, input));

    public static string Es256(ECDsa key, string payload) =>
        Sign("""{"alg":"ES256"}""", payload, input => key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public static string AlgNone(string payload) => $"{Encode("""{"alg":"none"}""")}.{Encode(payload)}.";

    private static string Sign(string header, string payload, Func<byte[], byte[]> signature)
    {
        var input = $"{Encode(header)}.{Encode(payload)}";
        return $"{input}.{Base64Url.EncodeToString(signature(Encoding.ASCII.GetBytes(input)))}";
    }

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
