using System.Security.Cryptography;
using Mirrorspace.Storage.Encryption;

namespace Mirrorspace.Storage.Users;

/// <summary>
/// Seals a user's TOTP secret with the tenant's current data key, bound to tenant, kind
/// <c>user.totp-secret</c> and the username: a sealed secret copied to another user does not open.
/// Moved by key rotation's rewrap like every other sealed field.
/// </summary>
public sealed class KeyRingTotpSecretCipher(KeyRing keys) : ITotpSecretCipher
{
    public const string RecordKind = "user.totp-secret";

    public async ValueTask<string> SealAsync(string tenantId, string username, byte[] secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var ring = await keys.GetTenantAsync(tenantId, 0, cancellationToken).ConfigureAwait(false);
        return EncryptedText.Encrypt(ring, EncryptedFields.Context(tenantId, EncryptedColumn.UserTotpSecret, username, 0), Convert.ToBase64String(secret));
    }

    public async ValueTask<byte[]> OpenAsync(string tenantId, string username, string sealedSecret, CancellationToken cancellationToken)
    {
        var opened = await keys.OpenTextAsync(EncryptedFields.Context(tenantId, EncryptedColumn.UserTotpSecret, username, 0), sealedSecret, cancellationToken).ConfigureAwait(false)
            ?? throw new CryptographicException($"The TOTP secret of user '{username}' is not sealed with the tenant key.");
        return Convert.FromBase64String(opened);
    }
}
