namespace Mirrorspace.Storage.Connectors;

/// <summary>
/// An SFTP batch-import connector of one tenant: where to fetch files, how to trust the server, and
/// how often. The credentials are not part of it: they are sealed on their own and opened only to
/// connect (<see cref="IConnectorStore.GetCredentialsAsync"/>).
/// </summary>
public sealed record ConnectorRecord
{
    public required string TenantId { get; init; }

    public required string ConnectorId { get; init; }

    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string User { get; init; }

    /// <summary>Which credential is stored; the credential itself never leaves the store except to connect.</summary>
    public required ConnectorAuthKind AuthKind { get; init; }

    /// <summary>The server's host key as <c>ssh-keygen -lf</c> prints it: <c>SHA256:</c> and unpadded base64.</summary>
    public required string HostKeyFingerprint { get; init; }

    public required string RemoteFolder { get; init; }

    /// <summary>A glob over file names in <see cref="RemoteFolder"/>: <c>*</c> and <c>?</c>.</summary>
    public required string FilePattern { get; init; }

    public required BatchFormat Format { get; init; }

    /// <summary>How often the scheduler runs an enabled connector.</summary>
    public required TimeSpan Interval { get; init; }

    public required ProcessedFileHandling Processed { get; init; }

    /// <summary>A disabled connector runs only when asked to (API or CLI), never on its schedule.</summary>
    public required bool Enabled { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
