namespace Mirrorspace.Storage.Devices;

/// <summary>Seals and opens a device's HS256 signing key, which the node must hold itself to verify HMACs.</summary>
public interface IDeviceKeyCipher
{
    ValueTask<string> SealAsync(string tenantId, string deviceId, byte[] key, CancellationToken cancellationToken);

    ValueTask<byte[]> OpenAsync(string tenantId, string deviceId, string sealedKey, CancellationToken cancellationToken);
}
