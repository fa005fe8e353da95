namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>The outcome of one batch entry, in rows.</summary>
internal sealed record EntryVerdict(long Accepted, long AlreadyIngested, IReadOnlyList<RowRefusal> Refusals)
{
    public static EntryVerdict Refused(RowRefusal refusal) => new(0, 0, [refusal]);
}
