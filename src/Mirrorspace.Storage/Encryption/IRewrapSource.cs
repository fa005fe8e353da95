namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// Direct access to a store's encrypted rows for the rewrap pass: read them in a stable keyset
/// order, write back resealed values, and persist the pass's cursor in the same transaction so an
/// interrupted pass resumes where it stopped.
/// </summary>
public interface IRewrapSource
{
    /// <summary>
    /// Up to <paramref name="limit"/> rows of the tenant after <paramref name="after"/>, from one
    /// table; an exhausted table moves on to the next. <see cref="RewrapBatch.Next"/> is
    /// <see cref="RewrapPhase.Done"/> after the last table.
    /// </summary>
    Task<RewrapBatch> ReadAsync(string tenantId, RewrapPosition after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: replaces each value whose row still holds the original (a row changed
    /// meanwhile was written under the current key anyway) and stores <paramref name="cursor"/>.
    /// Returns the values replaced.
    /// </summary>
    Task<int> WriteAsync(string tenantId, IReadOnlyList<RewrappedValue> values, RewrapCursor cursor, CancellationToken cancellationToken);

    Task<RewrapCursor?> GetCursorAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Encrypted values of the tenant, as a rewrap pass counts them.</summary>
    Task<long> CountValuesAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's stored values per tenant key version, read from the head of each value; values
    /// that are not tenant-key envelopes count under version 0.
    /// </summary>
    Task<IReadOnlyDictionary<int, long>> CountByKeyVersionAsync(string tenantId, CancellationToken cancellationToken);
}
