namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>One unit of a batch file, in file order: a patch for one twin, or a line that could not be read.</summary>
/// <param name="Line">The first line (1-based) the entry comes from.</param>
internal abstract record BatchEntry(int Line);
