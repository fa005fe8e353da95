namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>The counts of a run as it goes; refusals are listed up to a limit and counted beyond it.</summary>
internal sealed class RunTally(int maxRefusalsListed)
{
    private readonly List<RowRefusal> _refusals = [];
    private readonly List<FileReport> _files = [];

    public int FilesSeen { get; set; }

    public long RowsAccepted { get; private set; }

    public long RowsRefused { get; private set; }

    public long RowsAlreadyIngested { get; private set; }

    public IReadOnlyList<RowRefusal> Refusals => _refusals;

    public IReadOnlyList<FileReport> Files => _files;

    public bool RefusalsTruncated => RowsRefused > _refusals.Count;

    public void Add(EntryVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        RowsAccepted += verdict.Accepted;
        RowsAlreadyIngested += verdict.AlreadyIngested;
        foreach (var refusal in verdict.Refusals)
        {
            RowsRefused++;
            if (_refusals.Count < maxRefusalsListed)
            {
                _refusals.Add(refusal);
            }
        }
    }

    public void Add(FileReport file) => _files.Add(file);

    public int Count(FileOutcome outcome) => _files.Count(f => f.Outcome == outcome);
}
