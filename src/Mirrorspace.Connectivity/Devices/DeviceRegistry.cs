using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Security.Devices;
using Mirrorspace.Security.Signatures;
using Mirrorspace.Storage.Devices;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Connectivity.Devices;

/// <summary>
/// Registers devices and manages their credentials. A credential that is disabled, rotated or deleted
/// stops working at once: the device's live MQTT connection is dropped in the same call.
/// </summary>
public sealed class DeviceRegistry(
    IDeviceStore store,
    IGrainFactory grains,
    MqttBridge bridge,
    DeviceActivity activity,
    DeviceTrustBook trust,
    IDeviceKeyCipher keyCipher,
    TimeProvider clock)
{
    /// <summary>
    /// Registers a device for an existing twin of the tenant, with a new secret or the given client
    /// certificate (PEM), and optionally a signature policy its readings must meet.
    /// </summary>
    public async Task<DeviceChange> RegisterAsync(string tenantId, string twinId, string? certificatePem, DeviceSigning? signing, CancellationToken cancellationToken)
    {
        if (signing?.Validate() is { } invalid)
        {
            return DeviceChange.Failed(DeviceChangeError.InvalidSigning, invalid);
        }

        var twin = await grains.Twin(tenantId, twinId).GetAsync().ConfigureAwait(false);
        if (twin.Outcome is not TwinOutcome.Ok)
        {
            return DeviceChange.Failed(DeviceChangeError.TwinNotFound, $"Twin '{twinId}' does not exist.");
        }

        var now = clock.GetUtcNow();
        var deviceId = DeviceCredentials.NewDeviceId();
        var (credential, secret, error) = NewCredential(deviceId, certificatePem);
        if (error is not null)
        {
            return error;
        }

        var device = new DeviceRecord
        {
            DeviceId = deviceId,
            TenantId = tenantId,
            TwinId = twinId,
            SecretHash = credential.SecretHash,
            CertificateThumbprint = credential.CertificateThumbprint,
            Enabled = true,
            CredentialVersion = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (signed, signingKey) = await WithSigningAsync(device, signing, cancellationToken).ConfigureAwait(false);
        return await store.CreateAsync(signed, cancellationToken).ConfigureAwait(false)
            ? DeviceChange.Done(signed, secret) with { SigningKey = signingKey }
            : DeviceChange.Failed(DeviceChangeError.Conflict, "That certificate is already registered to a device.");
    }

    /// <summary>
    /// Sets the device's signature policy (null: its readings need no signature). A new policy or key
    /// starts a new sequence, and takes effect on the very next reading.
    /// </summary>
    public async Task<DeviceChange> SetSigningAsync(string tenantId, string deviceId, DeviceSigning? signing, CancellationToken cancellationToken)
    {
        if (signing?.Validate() is { } invalid)
        {
            return DeviceChange.Failed(DeviceChangeError.InvalidSigning, invalid);
        }

        var device = await store.GetAsync(tenantId, deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return DeviceChange.Failed(DeviceChangeError.DeviceNotFound, $"Device '{deviceId}' does not exist.");
        }

        var (changed, signingKey) = await WithSigningAsync(device with { UpdatedAt = clock.GetUtcNow() }, signing, cancellationToken).ConfigureAwait(false);
        await store.UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
        trust.Forget(deviceId);
        return DeviceChange.Done(changed, secret: null) with { SigningKey = signingKey };
    }

    public async Task<DeviceChange> SetEnabledAsync(string tenantId, string deviceId, bool enabled, CancellationToken cancellationToken)
    {
        var device = await store.GetAsync(tenantId, deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return DeviceChange.Failed(DeviceChangeError.DeviceNotFound, $"Device '{deviceId}' does not exist.");
        }

        var changed = device with { Enabled = enabled, UpdatedAt = clock.GetUtcNow() };
        await store.UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
        trust.Forget(deviceId);
        if (!enabled)
        {
            await bridge.DisconnectAsync(deviceId, "credential disabled").ConfigureAwait(false);
        }

        return DeviceChange.Done(changed, secret: null);
    }

    /// <summary>Replaces the credential (a new secret, or the given certificate); the old one stops working at once.</summary>
    public async Task<DeviceChange> RotateAsync(string tenantId, string deviceId, string? certificatePem, CancellationToken cancellationToken)
    {
        var device = await store.GetAsync(tenantId, deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return DeviceChange.Failed(DeviceChangeError.DeviceNotFound, $"Device '{deviceId}' does not exist.");
        }

        var (credential, secret, error) = NewCredential(deviceId, certificatePem);
        if (error is not null)
        {
            return error;
        }

        var rotated = device with
        {
            SecretHash = credential.SecretHash,
            CertificateThumbprint = credential.CertificateThumbprint,
            CredentialVersion = device.CredentialVersion + 1,
            UpdatedAt = clock.GetUtcNow(),
        };
        if (!await store.UpdateAsync(rotated, cancellationToken).ConfigureAwait(false))
        {
            return DeviceChange.Failed(DeviceChangeError.Conflict, "That certificate is already registered to a device.");
        }

        trust.Forget(deviceId);
        await bridge.DisconnectAsync(deviceId, "credential rotated").ConfigureAwait(false);
        return DeviceChange.Done(rotated, secret);
    }

    public async Task<bool> DeleteAsync(string tenantId, string deviceId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(tenantId, deviceId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await bridge.DisconnectAsync(deviceId, "device deleted").ConfigureAwait(false);
        bridge.Forget(deviceId);
        activity.Forget(deviceId);
        trust.Forget(deviceId);
        return true;
    }

    public Task<DeviceRecord?> GetAsync(string tenantId, string deviceId, CancellationToken cancellationToken) =>
        store.GetAsync(tenantId, deviceId, cancellationToken);

    public Task<Page<DeviceRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListAsync(tenantId, page, cancellationToken);

    public DeviceActivitySnapshot ActivityOf(string deviceId) => activity.Snapshot(deviceId);

    private static (DeviceRecord Credential, string? Secret, DeviceChange? Error) NewCredential(string deviceId, string? certificatePem)
    {
        var empty = new DeviceRecord
        {
            DeviceId = deviceId, TenantId = string.Empty, TwinId = string.Empty, Enabled = true, CredentialVersion = 0,
            CreatedAt = default, UpdatedAt = default,
        };
        if (certificatePem is null)
        {
            var secret = DeviceCredentials.NewSecret(deviceId);
            return (empty with { SecretHash = secret.Hash }, secret.Text, null);
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem);
            return (empty with { CertificateThumbprint = DeviceCredentials.Thumbprint(certificate.RawData) }, null, null);
        }
        catch (CryptographicException)
        {
            return (empty, null, DeviceChange.Failed(DeviceChangeError.InvalidCertificate, "The certificate is not a PEM-encoded X.509 certificate."));
        }
    }

    /// <summary>The device with the policy applied; for HS256 a fresh 256-bit key, sealed in the record and returned in clear once.</summary>
    private async Task<(DeviceRecord Device, string? SigningKey)> WithSigningAsync(DeviceRecord device, DeviceSigning? signing, CancellationToken cancellationToken)
    {
        switch (signing)
        {
            case null:
                return (device with { SigningAlgorithm = null, SigningKey = null }, null);
            case { Algorithm: SignatureAlgorithm.HS256 }:
                var key = RandomNumberGenerator.GetBytes(32);
                try
                {
                    var sealedKey = await keyCipher.SealAsync(device.TenantId, device.DeviceId, key, cancellationToken).ConfigureAwait(false);
                    return (device with { SigningAlgorithm = nameof(SignatureAlgorithm.HS256), SigningKey = sealedKey }, Base64Url.EncodeToString(key));
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(key);
                }

            default:
                return (device with { SigningAlgorithm = signing.Algorithm.ToString(), SigningKey = signing.PublicKey!.Trim() }, null);
        }
    }
}
