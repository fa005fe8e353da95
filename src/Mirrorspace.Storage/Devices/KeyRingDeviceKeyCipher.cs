using System.Security.Cryptography;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption;

namespace Mirrorspace.Storage.Devices;

/// <summary>
/// Seals a device's HS256 signing key with the tenant's current data key, bound to tenant, kind
/// <c>device.signing-key</c> and the device id: a sealed key copied to another device does not open.
/// The node must hold the key itself to verify HMACs, so it is kept sealed rather than hashed.
/// </summary>
public sealed class KeyRingDeviceKeyCipher(KeyRing keys) : IDeviceKeyCipher
{
    public const string RecordKind = "device.signing-key";

    public async ValueTask<string> SealAsync(string tenantId, string deviceId, byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ring = await keys.GetTenantAsync(tenantId, 0, cancellationToken).ConfigureAwait(false);
        return EncryptedText.Encrypt(ring, EncryptedFields.Context(tenantId, EncryptedColumn.DeviceSigningKey, deviceId, 0), Convert.ToBase64String(key));
    }

    public async ValueTask<byte[]> OpenAsync(string tenantId, string deviceId, string sealedKey, CancellationToken cancellationToken)
    {
        var opened = await keys.OpenTextAsync(EncryptedFields.Context(tenantId, EncryptedColumn.DeviceSigningKey, deviceId, 0), sealedKey, cancellationToken).ConfigureAwait(false)
            ?? throw new CryptographicException($"The signing key of device '{deviceId}' is not sealed with the tenant key.");
        return Convert.FromBase64String(opened);
    }
}
