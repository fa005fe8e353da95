namespace Mirrorspace.Storage.Users;

/// <summary>Seals and opens a user's TOTP secret, which the node must hold itself to compute the codes it checks.</summary>
public interface ITotpSecretCipher
{
    ValueTask<string> SealAsync(string tenantId, string username, byte[] secret, CancellationToken cancellationToken);

    ValueTask<byte[]> OpenAsync(string tenantId, string username, string sealedSecret, CancellationToken cancellationToken);
}
