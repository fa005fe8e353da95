namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>A row that was not ingested: the file, its line and why (a parse error, or the twin's answer).</summary>
public sealed record RowRefusal(string File, int Line, string Reason);
