using System.Security.Cryptography;
using Mirrorspace.Connectivity.Sftp.Batches;
using Mirrorspace.Connectivity.Sftp.Connections;
using Mirrorspace.Storage.Connectors;
using Renci.SshNet.Common;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>
/// One pass over a connector's remote folder: every matching file is either recognized from the
/// ledger (and skipped), resumed where an earlier run stopped, or ingested from its first line;
/// then, in <see cref="ProcessedFileHandling.Move"/> mode, moved into <c>processed/</c>. The ledger
/// records a file as completed before it is moved, so a run that dies between the two skips it next
/// time and only finishes the move.
/// </summary>
internal sealed class ConnectorRun(
    ConnectorRecord connector,
    SftpConnection connection,
    IConnectorStore ledger,
    FileImport import,
    SftpImportOptions options,
    TimeProvider clock)
{
    public async Task RunAsync(RunTally tally, CancellationToken cancellationToken)
    {
        var files = await connection.ListAsync(connector.FilePattern, cancellationToken).ConfigureAwait(false);
        tally.FilesSeen = files.Count;
        foreach (var file in files)
        {
            tally.Add(await ImportAsync(file, tally, cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<FileReport> ImportAsync(RemoteFile file, RunTally tally, CancellationToken cancellationToken)
    {
        var known = await ledger.GetImportedFilesAsync(connector.TenantId, connector.ConnectorId, file.Name, cancellationToken).ConfigureAwait(false);

        // A kept file, or one whose move failed, is recognized by size and time without downloading it again.
        if (known.FirstOrDefault(f => f.State == ImportedFileState.Completed && f.Size == file.Size && f.ModifiedAt == file.ModifiedAt) is { } listed)
        {
            return await SkipAsync(file, listed.ContentHash, cancellationToken).ConfigureAwait(false);
        }

        if (file.Size > options.MaxFileBytes)
        {
            return Failed(file, $"the file has {file.Size} bytes, more than the limit of {options.MaxFileBytes}");
        }

        var content = await connection.DownloadAsync(file, cancellationToken).ConfigureAwait(false);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var entry = known.FirstOrDefault(f => f.ContentHash == hash);
        if (entry?.State == ImportedFileState.Completed)
        {
            return await SkipAsync(file, hash, cancellationToken).ConfigureAwait(false);
        }

        var parsed = BatchReader.Read(connector.Format, content);
        if (parsed.FileProblem is { } problem)
        {
            return Failed(file, problem);
        }

        var resumedAt = entry?.NextLine > 1 || entry?.InDoubtThrough > 0 ? entry.NextLine : (int?)null;
        entry ??= new ImportedFileRecord
        {
            TenantId = connector.TenantId,
            ConnectorId = connector.ConnectorId,
            FileName = file.Name,
            ContentHash = hash,
            Size = file.Size,
            ModifiedAt = file.ModifiedAt,
            State = ImportedFileState.InProgress,
            NextLine = 1,
            RowsAccepted = 0,
            RowsRefused = 0,
            StartedAt = clock.GetUtcNow(),
        };
        var (completed, counts) = await import.RunAsync(entry with { Size = file.Size, ModifiedAt = file.ModifiedAt }, parsed, tally, cancellationToken).ConfigureAwait(false);
        var (movedTo, moveProblem) = await MoveAsync(file, completed.ContentHash, cancellationToken).ConfigureAwait(false);
        return new FileReport(file.Name, FileOutcome.Ingested, counts.Accepted, counts.Refused, counts.AlreadyIngested, resumedAt, movedTo, moveProblem);
    }

    private async Task<FileReport> SkipAsync(RemoteFile file, string hash, CancellationToken cancellationToken)
    {
        var (movedTo, moveProblem) = await MoveAsync(file, hash, cancellationToken).ConfigureAwait(false);
        return new FileReport(file.Name, FileOutcome.AlreadyProcessed, 0, 0, 0, null, movedTo, moveProblem);
    }

    /// <summary>A file that cannot be moved stays completed in the ledger: it is never ingested again, and the move is retried next run.</summary>
    private async Task<(string? MovedTo, string? Problem)> MoveAsync(RemoteFile file, string hash, CancellationToken cancellationToken)
    {
        if (connector.Processed is not ProcessedFileHandling.Move)
        {
            return (null, null);
        }

        try
        {
            var movedTo = await connection.MoveToProcessedAsync(file, hash, cancellationToken).ConfigureAwait(false);
            return movedTo is null ? (null, $"not moved: {SftpConnection.ProcessedFolder}/ already holds both names for it") : (movedTo, null);
        }
        catch (SshException ex) when (ex is not SshConnectionException)
        {
            return (null, $"not moved: {ex.Message}");
        }
    }

    private static FileReport Failed(RemoteFile file, string problem) => new(file.Name, FileOutcome.Failed, 0, 0, 0, null, null, problem);
}
