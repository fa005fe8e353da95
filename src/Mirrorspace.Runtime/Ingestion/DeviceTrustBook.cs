using System.Buffers.Text;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Mirrorspace.Security.Freshness;
using Mirrorspace.Security.Signatures;
using Mirrorspace.Storage.Devices;

namespace Mirrorspace.Runtime.Ingestion;

/// <summary>
/// The <see cref="DeviceTrust"/> of every device that has sent something since the node started,
/// loaded from the device store on first use (its last sequence number and trust were committed with
/// its readings). A device's entry is forgotten whenever its record changes, so a new signing key or
/// policy takes effect on the next reading.
/// </summary>
public sealed class DeviceTrustBook(IDeviceStore store, IDeviceKeyCipher cipher, IOptions<IngestionOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<DeviceTrust?>>> _devices = new(StringComparer.Ordinal);

    public async Task<DeviceTrust?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        var entry = _devices.GetOrAdd(deviceId, id => new Lazy<Task<DeviceTrust?>>(() => LoadAsync(id, cancellationToken)));
        try
        {
            var trust = await entry.Value.ConfigureAwait(false);
            if (trust is null)
            {
                // Not cached: a device registered a moment later must be found.
                _devices.TryRemove(KeyValuePair.Create(deviceId, entry));
            }

            return trust;
        }
        catch
        {
            _devices.TryRemove(KeyValuePair.Create(deviceId, entry));
            throw;
        }
    }

    /// <summary>Drops the device's entry; the next reading loads it afresh from the store.</summary>
    public void Forget(string deviceId)
    {
        if (_devices.TryRemove(deviceId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
        {
            entry.Value.Result?.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var deviceId in _devices.Keys)
        {
            Forget(deviceId);
        }
    }

    private async Task<DeviceTrust?> LoadAsync(string deviceId, CancellationToken cancellationToken)
    {
        var device = await store.FindAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return null;
        }

        var key = await SigningKeyAsync(device, cancellationToken).ConfigureAwait(false);
        var guard = new ReplayGuard(options.Value.AllowedClockSkew, device.LastSequence);
        return new DeviceTrust(device.DeviceId, device.TenantId, device.TwinId, key, guard, device.Trust);
    }

    private async Task<DeviceSigningKey?> SigningKeyAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        switch (device.SigningAlgorithm, device.SigningKey)
        {
            case (null, _):
                return null;
            case (nameof(SignatureAlgorithm.HS256), { } sealedKey):
                var secret = await cipher.OpenAsync(device.TenantId, device.DeviceId, sealedKey, cancellationToken).ConfigureAwait(false);
                try
                {
                    return DeviceSigningKey.Hs256(secret);
                }
                finally
                {
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
                }

            case (nameof(SignatureAlgorithm.ES256), { } pem):
                return DeviceSigningKey.Es256(pem);
            case (nameof(SignatureAlgorithm.EdDSA), { } raw):
                return DeviceSigningKey.EdDsa(Base64Url.DecodeFromChars(raw));
            default:
                throw new InvalidOperationException($"Device '{device.DeviceId}' has signing algorithm '{device.SigningAlgorithm}' without a usable key.");
        }
    }
}
