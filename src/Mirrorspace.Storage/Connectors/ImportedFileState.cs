namespace Mirrorspace.Storage.Connectors;

public enum ImportedFileState
{
    /// <summary>Some lines may still be waiting for a verdict.</summary>
    InProgress = 0,

    /// <summary>Every line has its verdict; the file is never ingested again.</summary>
    Completed = 1,
}
