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

    /// <summary>The JWS algorithm every reading must be signed with (<c>HS256</c>, <c>ES256</c>, <c>EdDSA</c>); null: readings are not signed.</summary>
    public string? SigningAlgorithm { get; init; }

    /// <summary>The HS256 key sealed under the tenant key, or the device's public key (PEM for ES256, base64url for EdDSA).</summary>
    public string? SigningKey { get; init; }

    /// <summary>The last accepted sequence number of a signed reading (RFC 1982 order), null before the first.</summary>
    public uint? LastSequence { get; init; }

    /// <summary>0 to 1: falls with suspect data, recovers with clean data.</summary>
    public double Trust { get; init; } = 1;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
