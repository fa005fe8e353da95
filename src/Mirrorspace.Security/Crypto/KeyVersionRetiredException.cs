using System.Security.Cryptography;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// The record was sealed with a tenant key version below the tenant's minimum decryption version:
/// refused by policy, not damaged. Rewrap before raising the minimum, or lower it again.
/// </summary>
public sealed class KeyVersionRetiredException : CryptographicException
{
    public KeyVersionRetiredException()
    {
    }

    public KeyVersionRetiredException(string message)
        : base(message)
    {
    }

    public KeyVersionRetiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KeyVersionRetiredException(string tenantId, int version, int minimumDecryptionVersion)
        : base($"Tenant '{tenantId}' refuses to decrypt with key version {version}: its minimum decryption version is {minimumDecryptionVersion}.")
    {
        TenantId = tenantId;
        Version = version;
        MinimumDecryptionVersion = minimumDecryptionVersion;
    }

    public string? TenantId { get; }

    public int Version { get; }

    public int MinimumDecryptionVersion { get; }
}
