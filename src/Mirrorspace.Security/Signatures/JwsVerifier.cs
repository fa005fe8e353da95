using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Mirrorspace.Security.Signatures;

/// <summary>
/// Verifies a JWS compact serialization (RFC 7515 §7.1) against a device's pinned key. Written here
/// rather than taken from a token library because readings are not tokens: there are no claims to
/// validate, the algorithm must come from the registration alone, and it sits on the ingestion hot
/// path where an HS256 check should cost about a microsecond.
/// </summary>
public static class JwsVerifier
{
    private const int MaxHeaderBytes = 1024;

    public static JwsVerification Verify(ReadOnlySpan<byte> compact, DeviceSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var firstDot = compact.IndexOf((byte)'.');
        var lastDot = compact.LastIndexOf((byte)'.');
        if (firstDot <= 0 || lastDot == firstDot || compact[(firstDot + 1)..lastDot].Contains((byte)'.'))
        {
            return JwsVerification.Invalid(JwsFailure.Malformed);
        }

        var header = compact[..firstDot];
        var payload = compact[(firstDot + 1)..lastDot];
        var signature = compact[(lastDot + 1)..];
        if (header.Length > Base64Url.GetEncodedLength(MaxHeaderBytes) || !Base64Url.IsValid(header) || !Base64Url.IsValid(payload) || !Base64Url.IsValid(signature))
        {
            return JwsVerification.Invalid(JwsFailure.Malformed);
        }

        // A device sends the same header every time: bytes identical to one that passed decode to the
        // same JSON and pass again, so only a new header is parsed.
        if (!key.IsAcceptedHeader(header))
        {
            var headerCheck = CheckHeader(Base64Url.DecodeFromUtf8(header), key.Algorithm);
            if (headerCheck is not JwsFailure.None)
            {
                return JwsVerification.Invalid(headerCheck);
            }

            key.AcceptHeader(header);
        }

        // The signing input is the first two parts exactly as sent, dot included.
        return key.Verify(compact[..lastDot], Base64Url.DecodeFromUtf8(signature))
            ? JwsVerification.Valid(Base64Url.DecodeFromUtf8(payload))
            : JwsVerification.Invalid(JwsFailure.BadSignature);
    }

    public static JwsVerification Verify(string compact, DeviceSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(compact);
        return Verify(Encoding.ASCII.GetBytes(compact), key);
    }

    private static JwsFailure CheckHeader(byte[] json, SignatureAlgorithm pinned)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind is not JsonValueKind.Object)
            {
                return JwsFailure.Malformed;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            string? algorithm = null;
            foreach (var member in document.RootElement.EnumerateObject())
            {
                // Duplicate names are ambiguous: two parsers could read two different algorithms.
                if (!names.Add(member.Name))
                {
                    return JwsFailure.Malformed;
                }

                switch (member.Name)
                {
                    case "alg" when member.Value.ValueKind is JsonValueKind.String:
                        algorithm = member.Value.GetString();
                        break;
                    case "alg":
                        return JwsFailure.Malformed;
                    case "crit":
                        return JwsFailure.UnsupportedHeader;
                    case "b64":
                        return JwsFailure.UnsupportedHeader;
                    default:
                        break;
                }
            }

            return algorithm == pinned.ToString() ? JwsFailure.None : JwsFailure.AlgorithmNotAllowed;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a member name or value that is not valid UTF-8, found only when read.
            return JwsFailure.Malformed;
        }
    }
}
