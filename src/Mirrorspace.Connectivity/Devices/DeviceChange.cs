using Mirrorspace.Storage.Devices;

namespace Mirrorspace.Connectivity.Devices;

/// <summary>The result of a device registration or credential change: the device, and a new secret to show once.</summary>
public sealed record DeviceChange(DeviceRecord? Device, string? Secret, DeviceChangeError? Error, string? Detail)
{
    /// <summary>A new HS256 signing key (base64url), shown this once; the node keeps it sealed.</summary>
    public string? SigningKey { get; init; }

    public static DeviceChange Done(DeviceRecord device, string? secret) => new(device, secret, null, null);

    public static DeviceChange Failed(DeviceChangeError error, string detail) => new(null, null, error, detail);
}

public enum DeviceChangeError
{
    TwinNotFound,
    DeviceNotFound,
    InvalidCertificate,
    InvalidSigning,
    Conflict,
}
