namespace Mirrorspace.Connectivity.Sftp.Import;

public enum FileOutcome
{
    /// <summary>Read to the end in this run (from its first line, or from where an earlier run stopped).</summary>
    Ingested,

    /// <summary>The ledger holds it as completed: nothing of it was ingested again.</summary>
    AlreadyProcessed,

    /// <summary>Not readable as a whole (too large, no header); left where it is and reported again next run.</summary>
    Failed,
}
