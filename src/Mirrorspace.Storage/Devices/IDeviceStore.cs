using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Devices;

/// <summary>Device identities. Lookups by id or thumbprint are global (the credential names the tenant); the rest is per tenant.</summary>
public interface IDeviceStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>False when the id or the certificate thumbprint is already registered.</summary>
    Task<bool> CreateAsync(DeviceRecord device, CancellationToken cancellationToken);

    Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken);

    Task<DeviceRecord?> FindByThumbprintAsync(string thumbprint, CancellationToken cancellationToken);

    Task<DeviceRecord?> GetAsync(string tenantId, string deviceId, CancellationToken cancellationToken);

    /// <summary>The tenant's devices ordered by id.</summary>
    Task<Page<DeviceRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Replaces the credential and the enabled flag; false when the device is not the tenant's or its new certificate thumbprint is another device's.</summary>
    Task<bool> UpdateAsync(DeviceRecord device, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string tenantId, string deviceId, CancellationToken cancellationToken);
}
