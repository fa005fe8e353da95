namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>A line that is not a reading (bad CSV, bad JSON, an invalid twin id); it is reported and the file goes on.</summary>
internal sealed record MalformedEntry(int Line, string Reason) : BatchEntry(Line);
