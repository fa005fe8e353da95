namespace Mirrorspace.Storage.Connectors;

/// <summary>
/// The ledger entry of one remote file a connector has started or finished ingesting, identified by
/// its name and the SHA-256 of its content. Progress is line-based: every line before
/// <see cref="NextLine"/> has its verdict. Before a window of lines is handed to the twins,
/// <see cref="InDoubtThrough"/> and <see cref="InDoubtSince"/> are committed; if the run dies inside
/// the window, the next run looks those lines up in the twins' history instead of ingesting them again.
/// </summary>
public sealed record ImportedFileRecord
{
    public required string TenantId { get; init; }

    public required string ConnectorId { get; init; }

    public required string FileName { get; init; }

    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public required string ContentHash { get; init; }

    public required long Size { get; init; }

    /// <summary>The remote modification time when the file was read; with the size, it lets a later run skip a kept file without downloading it.</summary>
    public required DateTimeOffset ModifiedAt { get; init; }

    public required ImportedFileState State { get; init; }

    /// <summary>The first line (1-based) whose verdict is not yet recorded.</summary>
    public required int NextLine { get; init; }

    /// <summary>The last line of the window being ingested, 0 when no window is open.</summary>
    public int InDoubtThrough { get; init; }

    /// <summary>When the open window began; the twins' history is searched from a little before this.</summary>
    public DateTimeOffset? InDoubtSince { get; init; }

    public required long RowsAccepted { get; init; }

    public required long RowsRefused { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
