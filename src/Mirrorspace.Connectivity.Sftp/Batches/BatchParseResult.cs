namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>A parsed file: its entries in line order, or why the file as a whole cannot be read (a missing header).</summary>
internal sealed record BatchParseResult(IReadOnlyList<BatchEntry> Entries, string? FileProblem)
{
    public static BatchParseResult Unreadable(string problem) => new([], problem);
}
