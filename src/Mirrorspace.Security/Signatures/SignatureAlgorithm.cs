namespace Mirrorspace.Security.Signatures;

/// <summary>The JWS algorithms a device may be pinned to (RFC 7518 §3, RFC 8037). There is no "none".</summary>
public enum SignatureAlgorithm
{
    /// <summary>HMAC SHA-256 with a per-device secret key (≥ 256 bits).</summary>
    HS256,

    /// <summary>ECDSA P-256 SHA-256; the device's public key is registered.</summary>
    ES256,

    /// <summary>Ed25519; the device's public key is registered.</summary>
    EdDSA,
}
