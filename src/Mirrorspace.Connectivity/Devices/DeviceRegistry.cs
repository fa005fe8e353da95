using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Security.Devices;
using Mirrorspace.Storage.Devices;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Connectivity.Devices;

/// <summary>
/// Registers devices and manages their credentials. A credential that is disabled, rotated or deleted
/// stops working at once: the device's live MQTT connection is dropped in the same call.
/// </summary>
public sealed class DeviceRegistry(IDeviceStore store, IGrainFactory grains, MqttBridge bridge, DeviceActivity activity, TimeProvider clock)
{
    /// <summary>Registers a device for an existing twin of the tenant, with a new secret or the given client certificate (PEM).</summary>
    public async Task<DeviceChange> RegisterAsync(string tenantId, string twinId, string? certificatePem, CancellationToken cancellationToken)
    {
        var twin = await grains.GetGrain<ITwinGrain>(TwinGrainKey.Format(tenantId, twinId)).GetAsync().ConfigureAwait(false);
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
        return await store.CreateAsync(device, cancellationToken).ConfigureAwait(false)
            ? DeviceChange.Done(device, secret)
            : DeviceChange.Failed(DeviceChangeError.Conflict, "That certificate is already registered to a device.");
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
}
