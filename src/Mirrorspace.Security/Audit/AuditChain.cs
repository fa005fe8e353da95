using System.Buffers;
using System.Security.Cryptography;

namespace Mirrorspace.Security.Audit;

/// <summary>
/// The hash chain: <c>h(0) = 32 zero bytes</c>, <c>h(n) = SHA-256(h(n-1) || canonical(entry n))</c>.
/// Each entry commits to everything before it, so changing, inserting, deleting or reordering one
/// breaks every later link unless all of them are recomputed, which the signed checkpoints catch.
/// </summary>
public static class AuditChain
{
    public const int HashSize = 32;

    private static readonly byte[] GenesisHash = new byte[HashSize];

    /// <summary>The link before the first entry.</summary>
    public static ReadOnlySpan<byte> Genesis => GenesisHash;

    public static byte[] Next(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> canonicalEntry)
    {
        if (previous.Length != HashSize)
        {
            throw new ArgumentException($"A chain hash has {HashSize} bytes.", nameof(previous));
        }

        // One-shot hashing of a stack or pooled buffer: verification hashes a million links in a row.
        var length = HashSize + canonicalEntry.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            previous.CopyTo(buffer);
            canonicalEntry.CopyTo(buffer[HashSize..]);
            return SHA256.HashData(buffer);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Links <paramref name="entry"/> after the entry whose hash is <paramref name="previous"/>.</summary>
    public static ChainedAuditEntry Link(ReadOnlySpan<byte> previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ChainedAuditEntry(entry, Next(previous, entry.ToCanonicalBytes()));
    }

    /// <summary>Links a run of entries after <paramref name="previous"/>, in order.</summary>
    public static IReadOnlyList<ChainedAuditEntry> LinkAll(ReadOnlySpan<byte> previous, IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var chained = new List<ChainedAuditEntry>();
        var head = previous.ToArray();
        foreach (var entry in entries)
        {
            var link = Link(head, entry);
            chained.Add(link);
            head = link.Hash;
        }

        return chained;
    }
}
