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

    public ValueTask<string> SealAsync(string tenantId, string deviceId, byte[] key, CancellationToken cancellationToken) =>
        keys.SealSecretAsync(tenantId, EncryptedColumn.DeviceSigningKey, deviceId, key, cancellationToken);

    public ValueTask<byte[]> OpenAsync(string tenantId, string deviceId, string sealedKey, CancellationToken cancellationToken) =>
        keys.OpenSecretAsync(tenantId, EncryptedColumn.DeviceSigningKey, deviceId, sealedKey, cancellationToken);
}
