using System.Security.Cryptography;

namespace Mirrorspace.Security.Audit;

/// <summary>The node's checkpoint signing key: ECDSA over NIST P-256 with SHA-256.</summary>
public static class AuditKeys
{
    public static ECDsa Create() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A short, stable name for a public key: the first 16 hex digits of SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string KeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public static bool IsP256(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var oid = key.ExportParameters(includePrivateParameters: false).Curve.Oid;
        return oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value
            || (oid.Value is null && string.Equals(oid.FriendlyName, ECCurve.NamedCurves.nistP256.Oid.FriendlyName, StringComparison.Ordinal));
    }

    /// <summary>Reads a public key from SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public static ECDsa ImportPublicKeyPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return IsP256(key) ? key : throw new CryptographicException("The audit key must be an ECDSA P-256 key.");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
