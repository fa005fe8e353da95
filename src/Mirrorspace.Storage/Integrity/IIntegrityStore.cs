using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Integrity;

/// <summary>
/// Reads of what the ingestion pipeline kept: quarantined readings and signals. Both are written
/// through the group commit (<c>HoldReading</c>, <c>DecideQuarantine</c>, <c>RecordSignal</c>), in
/// the same transaction as the twin change they belong to.
/// </summary>
public interface IIntegrityStore
{
    Task<QuarantineRecord?> GetQuarantineAsync(string tenantId, string quarantineId, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="twinId"/> and <paramref name="state"/> narrow the list when given.</summary>
    Task<Page<QuarantineRecord>> ListQuarantineAsync(string tenantId, string? twinId, QuarantineState? state, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The twin's signals after <paramref name="afterSignalId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(string tenantId, string twinId, long afterSignalId, int limit, CancellationToken cancellationToken);
}
