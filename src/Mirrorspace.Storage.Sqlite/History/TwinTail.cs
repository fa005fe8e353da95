namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>One twin's part of the <see cref="HistoryTail"/>.</summary>
internal sealed class TwinTail
{
    private readonly List<(long Seq, long Version)> _rows = [];

    /// <summary>The twin's unindexed log rows, in seq order.</summary>
    public IReadOnlyList<(long Seq, long Version)> Rows => _rows;

    /// <summary>
    /// The highest version the twin has, indexed or not; null until a commit first needs it and
    /// looks the indexed part up. Versions only grow while the store is open (erasure may remove
    /// some, which leaves this too high: safe, it only sends a check down the exact path).
    /// </summary>
    public long? HighestVersion { get; private set; }

    public void Add(long seq, long version)
    {
        _rows.Add((seq, version));
        if (HighestVersion < version)
        {
            HighestVersion = version;
        }
    }

    /// <summary>A commit wrote versions up to <paramref name="version"/> straight into chunks.</summary>
    public void Chunked(long version)
    {
        if (HighestVersion < version)
        {
            HighestVersion = version;
        }
    }

    /// <summary>Sets the highest version from the indexed history's, taking the unindexed rows into account.</summary>
    public long KnowHighestVersion(long highestIndexed)
    {
        var highest = highestIndexed;
        foreach (var (_, version) in _rows)
        {
            highest = Math.Max(highest, version);
        }

        HighestVersion = highest;
        return highest;
    }

    public bool HasUnindexed(long version)
    {
        foreach (var row in _rows)
        {
            if (row.Version == version)
            {
                return true;
            }
        }

        return false;
    }

    public int CountUpTo(long seq)
    {
        var count = 0;
        while (count < _rows.Count && _rows[count].Seq <= seq)
        {
            count++;
        }

        return count;
    }

    public void RemoveFirst(int count) => _rows.RemoveRange(0, count);
}
