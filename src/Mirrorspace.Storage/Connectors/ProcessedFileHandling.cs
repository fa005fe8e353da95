namespace Mirrorspace.Storage.Connectors;

/// <summary>What happens to a remote file once it is ingested. Either way the ledger remembers it, so it is never ingested twice.</summary>
public enum ProcessedFileHandling
{
    /// <summary>Renamed into the <c>processed/</c> subfolder of the remote folder.</summary>
    Move,

    /// <summary>Left where it is; only the ledger marks it as processed (for servers where the account may not rename).</summary>
    Keep,
}
