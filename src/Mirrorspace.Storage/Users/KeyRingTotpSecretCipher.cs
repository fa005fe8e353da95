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

    public ValueTask<string> SealAsync(string tenantId, string username, byte[] secret, CancellationToken cancellationToken) =>
        keys.SealSecretAsync(tenantId, EncryptedColumn.UserTotpSecret, username, secret, cancellationToken);

    public ValueTask<byte[]> OpenAsync(string tenantId, string username, string sealedSecret, CancellationToken cancellationToken) =>
        keys.OpenSecretAsync(tenantId, EncryptedColumn.UserTotpSecret, username, sealedSecret, cancellationToken);
}
