namespace Mirrorspace.Security.Crypto;

/// <summary>
/// Where a value lives: bound into its ciphertext as associated data, so a ciphertext copied to
/// another tenant, another kind of record or another row fails to decrypt.
/// </summary>
/// <param name="TenantId">The tenant owning the record.</param>
/// <param name="Kind">What the value is, e.g. <c>event.payload</c>; distinct for every field of every table.</param>
/// <param name="RecordId">The row, e.g. <c>pump-1/42</c> for event 42 of twin pump-1.</param>
public readonly record struct RecordContext(string TenantId, string Kind, string RecordId)
{
    internal int AssociatedDataSize =>
        LengthPrefixed.SizeOf(TenantId) + LengthPrefixed.SizeOf(Kind) + LengthPrefixed.SizeOf(RecordId);

    internal int WriteAssociatedData(Span<byte> destination)
    {
        var written = LengthPrefixed.Write(destination, TenantId);
        written += LengthPrefixed.Write(destination[written..], Kind);
        written += LengthPrefixed.Write(destination[written..], RecordId);
        return written;
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(TenantId, nameof(TenantId));
        ArgumentException.ThrowIfNullOrEmpty(Kind, nameof(Kind));
        ArgumentNullException.ThrowIfNull(RecordId, nameof(RecordId));
    }
}
