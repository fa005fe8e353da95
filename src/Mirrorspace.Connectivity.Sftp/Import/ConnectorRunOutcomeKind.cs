namespace Mirrorspace.Connectivity.Sftp.Import;

public enum ConnectorRunOutcomeKind
{
    Ran,
    NotFound,

    /// <summary>A run of the same connector is in progress; runs of one connector never overlap.</summary>
    AlreadyRunning,
}
