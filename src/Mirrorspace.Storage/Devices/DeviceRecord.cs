namespace Mirrorspace.Storage.Devices;

/// <summary>
/// A device as stored: the twin it may report for, and how it proves who it is — the hash of its
/// secret, or the SHA-256 thumbprint of its client certificate. Never a secret in clear.
/// </summary>
public sealed record DeviceRecord
{
    /// <summary>Globally unique (<c>dev-…</c>): the MQTT user name and client id.</summary>
    public required string DeviceId { get; init; }

    public required string TenantId { get; init; }

    public required string TwinId { get; init; }

    public byte[]? SecretHash { get; init; }

    public string? CertificateThumbprint { get; init; }

    public required bool Enabled { get; init; }

    /// <summary>Grows with every rotation, so a session can tell it was opened with an older credential.</summary>
    public required int CredentialVersion { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
