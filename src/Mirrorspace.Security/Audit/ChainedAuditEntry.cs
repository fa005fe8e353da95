namespace Mirrorspace.Security.Audit;

/// <summary>An entry as stored: with <see cref="Hash"/>, its link in the chain (see <see cref="AuditChain"/>).</summary>
public sealed record ChainedAuditEntry(AuditEntry Entry, byte[] Hash)
{
    public long Sequence => Entry.Sequence;
}
