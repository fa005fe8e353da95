using Mirrorspace.Security.Audit;

namespace Mirrorspace.Storage.Audit;

/// <summary>
/// The audit log's storage: append-only entries keyed by sequence number, and the signed
/// checkpoints. Kept apart from <see cref="ITwinSpaceStore"/> (its own file) so twin writes never
/// wait on it. The store does not chain or sign: it keeps what it is given, exactly.
/// </summary>
public interface IAuditStore
{
    /// <summary>Creates or migrates the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Appends the entries in one transaction: all of them become durable, or none.</summary>
    Task AppendAsync(IReadOnlyList<ChainedAuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>Streams the entries with <paramref name="fromSequence"/> ≤ sequence ≤ <paramref name="toSequence"/> in sequence order, as stored.</summary>
    IAsyncEnumerable<ChainedAuditEntry> ReadAsync(long fromSequence, long toSequence, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> entries of one tenant from <paramref name="fromSequence"/> on, in sequence order.</summary>
    Task<IReadOnlyList<ChainedAuditEntry>> ListTenantAsync(string tenantId, long fromSequence, int limit, CancellationToken cancellationToken);

    Task<ChainedAuditEntry?> GetAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>The highest sequence number, 0 when empty: the entry count of an untampered log.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    Task AddCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Every checkpoint, by tree size.</summary>
    Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken);
}
