using System.Buffers.Text;
using System.Security.Cryptography;
using Mirrorspace.Security.Signatures;

namespace Mirrorspace.Connectivity.Devices;

/// <summary>
/// A signature policy as requested: the one JWS algorithm the device's readings must carry, and for
/// ES256 / EdDSA the device's public key (SubjectPublicKeyInfo PEM; raw 32 bytes base64url for Ed25519).
/// For HS256 the node makes the key itself and shows it once.
/// </summary>
public sealed record DeviceSigning(SignatureAlgorithm Algorithm, string? PublicKey)
{
    public static bool TryParseAlgorithm(string? name, out SignatureAlgorithm algorithm)
    {
        algorithm = default;
        return name is nameof(SignatureAlgorithm.HS256) or nameof(SignatureAlgorithm.ES256) or nameof(SignatureAlgorithm.EdDSA)
            && Enum.TryParse(name, ignoreCase: false, out algorithm);
    }

    /// <summary>Checks the public key is usable for the algorithm; null when it is, else why not.</summary>
    public string? Validate()
    {
        switch (Algorithm)
        {
            case SignatureAlgorithm.HS256:
                return PublicKey is null ? null : "HS256 takes no public key: the node makes the shared key and shows it once.";
            case SignatureAlgorithm.ES256 when PublicKey is null:
            case SignatureAlgorithm.EdDSA when PublicKey is null:
                return $"{Algorithm} needs the device's public key.";
            case SignatureAlgorithm.ES256:
                try
                {
                    using var _ = DeviceSigningKey.Es256(PublicKey);
                    return null;
                }
                catch (Exception ex) when (ex is ArgumentException or CryptographicException)
                {
                    return $"Not a P-256 public key in PEM (SubjectPublicKeyInfo): {ex.Message}";
                }

            default:
                try
                {
                    using var _ = DeviceSigningKey.EdDsa(Base64Url.DecodeFromChars(PublicKey));
                    return null;
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException or CryptographicException)
                {
                    return $"Not a 32-byte Ed25519 public key in base64url: {ex.Message}";
                }
        }
    }
}
