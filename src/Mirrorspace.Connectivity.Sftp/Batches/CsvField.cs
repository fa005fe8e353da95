namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>One CSV field; a quoted field is always text, however it reads.</summary>
internal readonly record struct CsvField(string Text, bool Quoted);
