using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Connectivity.Sftp;

/// <summary>Settings of SFTP batch import, bound from <c>Mirrorspace:Sftp</c>.</summary>
public sealed class SftpImportOptions
{
    public const string Section = "Mirrorspace:Sftp";

    /// <summary>Whether enabled connectors run on their interval; manual runs work either way.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for connectors that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Scheduled runs at the same time, across all tenants; runs of one connector never overlap anyway.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>Larger remote files are reported and left alone: a file is held in memory while it is read.</summary>
    [Range(1, 1024L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Entries (patches or bad lines) handed to the twins between two ledger commits. A crash inside a
    /// window costs a look into the history of that window's twins on the next run, never a duplicate.
    /// </summary>
    [Range(1, 10_000)]
    public int WindowEntries { get; set; } = 200;

    /// <summary>
    /// How far before an open window's start the history is searched for its readings, to cover a
    /// wall clock that stepped back between the ledger commit and the twins' commits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan InDoubtLookBack { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Refused rows listed one by one in a run result; beyond this only the count grows.</summary>
    [Range(1, 10_000)]
    public int MaxRefusalsListed { get; set; } = 200;
}
