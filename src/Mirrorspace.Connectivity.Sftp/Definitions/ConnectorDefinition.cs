namespace Mirrorspace.Connectivity.Sftp.Definitions;

/// <summary>A connector as a tenant writes it (API body, CLI flags): text to be checked, before it becomes a stored record.</summary>
public sealed record ConnectorDefinition
{
    public string? Host { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    public string? PrivateKey { get; init; }

    public string? Passphrase { get; init; }

    public string? HostKeyFingerprint { get; init; }

    public string? RemoteFolder { get; init; }

    public string? FilePattern { get; init; }

    /// <summary><c>csv</c> or <c>jsonl</c>.</summary>
    public string? Format { get; init; }

    /// <summary>An ISO 8601 duration, e.g. <c>PT5M</c>.</summary>
    public string? Interval { get; init; }

    /// <summary><c>move</c> (default) or <c>keep</c>.</summary>
    public string? Processed { get; init; }

    public bool? Enabled { get; init; }
}
