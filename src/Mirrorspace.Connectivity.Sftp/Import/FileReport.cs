namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>What one run did with one remote file.</summary>
/// <param name="RowsAlreadyIngested">Rows of an interrupted earlier run found in the twins' history, so not ingested again.</param>
/// <param name="MovedTo">The remote path the file was moved to, when it was.</param>
public sealed record FileReport(
    string File,
    FileOutcome Outcome,
    long RowsAccepted,
    long RowsRefused,
    long RowsAlreadyIngested,
    int? ResumedAtLine,
    string? MovedTo,
    string? Problem);
