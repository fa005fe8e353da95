namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>The result of one run of a connector, as the API and the CLI return it and the audit log summarizes it.</summary>
public sealed record ConnectorRunResult
{
    public required string ConnectorId { get; init; }

    public required ConnectorRunStatus Status { get; init; }

    /// <summary>Why the run did not complete (host key, authentication, connection); null when it did.</summary>
    public string? Error { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Files in the remote folder that match the pattern.</summary>
    public int FilesSeen { get; init; }

    public int FilesIngested { get; init; }

    public int FilesSkipped { get; init; }

    public int FilesFailed { get; init; }

    public long RowsAccepted { get; init; }

    public long RowsRefused { get; init; }

    public long RowsAlreadyIngested { get; init; }

    public IReadOnlyList<FileReport> Files { get; init; } = [];

    /// <summary>Refused rows in file and line order, at most <see cref="SftpImportOptions.MaxRefusalsListed"/>.</summary>
    public IReadOnlyList<RowRefusal> Refusals { get; init; } = [];

    /// <summary>True when more rows were refused than <see cref="Refusals"/> lists.</summary>
    public bool RefusalsTruncated { get; init; }
}
