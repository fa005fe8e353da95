using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Storage.Encryption;

public sealed partial class KeyRing
{
    /// <summary>
    /// Opens a stored text field sealed with the tenant key (<see cref="EncryptedText"/>) or with a data
    /// subject's key; null when it was sealed for a subject who has since been erased.
    /// </summary>
    public async ValueTask<string?> OpenTextAsync(RecordContext context, string stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (EncryptedText.IsSubjectEnvelope(stored))
        {
            var result = await DecryptAsync(context, EncryptedText.ToEnvelope(context, stored), cancellationToken).ConfigureAwait(false);
            return result.TryGetPlaintext(out var plaintext) ? Encoding.UTF8.GetString(plaintext) : null;
        }

        if (!EncryptedText.TryGetTenantKeyVersion(stored, out var version))
        {
            // Refused before any key is asked for, so a stray clear value never even creates a key.
            throw new CryptographicException($"The stored {context.Kind} of '{context.RecordId}' (tenant '{context.TenantId}') is not encrypted with a tenant key.");
        }

        var ring = await GetTenantAsync(context.TenantId, version, cancellationToken).ConfigureAwait(false);
        return EncryptedText.Decrypt(ring, context, stored);
    }

    /// <summary>
    /// Seals a secret the node must hold itself (a device's HMAC key, a user's TOTP secret) with the tenant's
    /// current data key, bound to its column and owner: a sealed secret copied to another owner does not open.
    /// </summary>
    public async ValueTask<string> SealSecretAsync(string tenantId, EncryptedColumn column, string ownerId, byte[] secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var ring = await GetTenantAsync(tenantId, 0, cancellationToken).ConfigureAwait(false);
        return EncryptedText.Encrypt(ring, EncryptedFields.Context(tenantId, column, ownerId, 0), Convert.ToBase64String(secret));
    }

    /// <summary>Opens a secret sealed by <see cref="SealSecretAsync"/>; throws when it is not sealed with the tenant key.</summary>
    public async ValueTask<byte[]> OpenSecretAsync(string tenantId, EncryptedColumn column, string ownerId, string sealedSecret, CancellationToken cancellationToken)
    {
        var opened = await OpenTextAsync(EncryptedFields.Context(tenantId, column, ownerId, 0), sealedSecret, cancellationToken).ConfigureAwait(false)
            ?? throw new CryptographicException($"The {column} of '{ownerId}' is not sealed with the tenant key.");
        return Convert.FromBase64String(opened);
    }
}
