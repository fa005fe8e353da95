using Mirrorspace.Security.Audit;

namespace Mirrorspace.Server.Api.Features.Audit;

/// <summary>An audit entry as the API shows it: the fields its canonical bytes encode, and its chain hash.</summary>
public sealed record AuditEntryDto(
    long Sequence,
    DateTimeOffset Timestamp,
    string? Tenant,
    string Principal,
    string Action,
    string? Resource,
    AuditOutcome Outcome,
    string? Reason,
    string? RemoteAddress,
    IReadOnlyList<string>? Properties,
    string? Purpose,
    byte[] Hash)
{
    public static AuditEntryDto From(ChainedAuditEntry row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var e = row.Entry;
        return new(e.Sequence, e.Timestamp, e.TenantId, e.Principal, e.Action, e.Resource, e.Outcome, e.Reason, e.RemoteAddress, e.Properties, e.Purpose, row.Hash);
    }
}

/// <summary>A signed checkpoint; <see cref="SignedBody"/> is the exact text the signature covers.</summary>
public sealed record AuditCheckpointDto(long TreeSize, byte[] RootHash, byte[] ChainHead, DateTimeOffset Timestamp, string KeyId, byte[] Signature, string SignedBody)
{
    public static AuditCheckpointDto From(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.ChainHead, checkpoint.Timestamp, checkpoint.KeyId, checkpoint.Signature, checkpoint.SignedBody);
    }
}

/// <summary>
/// Proof that <see cref="Entry"/> is in the log, checkable by anyone holding this document and the
/// node's public key: <see cref="Leaf"/> is the entry's canonical bytes, <see cref="Proof"/> the
/// RFC 9162 audit path of leaf <see cref="LeafIndex"/> in a tree of <see cref="AuditCheckpointDto.TreeSize"/> leaves.
/// </summary>
public sealed record AuditProofDto(AuditEntryDto Entry, byte[] Leaf, long LeafIndex, IReadOnlyList<byte[]> Proof, AuditCheckpointDto Checkpoint, string PublicKey);
