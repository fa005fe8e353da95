using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirrorspace.Simulation.Devices;

/// <summary>
/// Signs readings as a device registered for HS256 does: a JWS compact serialization (RFC 7515 §7.1)
/// of <c>{"seq": n, "ts": "…", "reported": {…}}</c>, with the sequence number one higher every time
/// and the time from the clock. Written from the RFC rather than shared with the node's verifier, so a
/// test of one against the other means something.
/// </summary>
public sealed class ReadingSigner
{
    // The protected header never changes: the node pins the algorithm, so nothing else belongs in it.
    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256"}"""u8);

    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    /// <param name="key">The device's HS256 key, as the node handed it out (at least 256 bits).</param>
    /// <param name="firstSequence">The sequence number of the first reading signed.</param>
    public ReadingSigner(ReadOnlySpan<byte> key, TimeProvider clock, uint firstSequence = 1)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("An HS256 key must be at least 256 bits.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(clock);
        _key = key.ToArray();
        _clock = clock;
        NextSequence = firstSequence;
    }

    /// <summary>The sequence number the next reading will carry.</summary>
    public uint NextSequence { get; private set; }

    /// <summary>A signer with a fresh random key: what someone without the device's key can produce.</summary>
    public static ReadingSigner Forger(TimeProvider clock, uint firstSequence) => new(RandomNumberGenerator.GetBytes(32), clock, firstSequence);

    /// <summary>Signs one reading; its sequence number is used up whether or not the node accepts it.</summary>
    public string Sign(JsonObject reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var payload = new JsonObject
        {
            ["seq"] = NextSequence,
            ["ts"] = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["reported"] = reported.DeepClone(),
        };
        NextSequence = unchecked(NextSequence + 1);

        var signingInput = $"{EncodedHeader}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }
}
