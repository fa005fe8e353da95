namespace Mirrorspace.Security.Signatures;

/// <summary>The outcome of checking one compact JWS: the payload when valid, else why not.</summary>
public readonly record struct JwsVerification(byte[]? Payload, JwsFailure Failure)
{
    public bool IsValid => Failure is JwsFailure.None;

    public static JwsVerification Valid(byte[] payload) => new(payload, JwsFailure.None);

    public static JwsVerification Invalid(JwsFailure failure) => new(null, failure);
}

public enum JwsFailure
{
    None,

    /// <summary>Not three base64url parts, or a header that is not a JSON object.</summary>
    Malformed,

    /// <summary>The header names another algorithm than the device is pinned to (including "none").</summary>
    AlgorithmNotAllowed,

    /// <summary>A critical extension or unencoded payload the verifier does not implement (RFC 7515 §4.1.11, RFC 7797).</summary>
    UnsupportedHeader,

    /// <summary>The signature does not verify with the device's key.</summary>
    BadSignature,
}
