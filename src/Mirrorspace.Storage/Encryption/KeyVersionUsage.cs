using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Storage.Encryption;

/// <summary>What still depends on each of a tenant's key versions.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Policy">Its key policy.</param>
/// <param name="Records">Stored values per tenant key version; version 0 holds values that are not tenant-key envelopes.</param>
/// <param name="SubjectKeys">Live subject keys per tenant key version wrapping them.</param>
public sealed record KeyVersionUsage(
    string TenantId,
    KeyPolicy Policy,
    IReadOnlyDictionary<int, long> Records,
    IReadOnlyDictionary<int, long> SubjectKeys)
{
    /// <summary>Values and subject keys that a minimum decryption version of <paramref name="version"/> would make unreadable.</summary>
    public long CountBelow(int version) =>
        Records.Where(r => r.Key >= 1 && r.Key < version).Sum(r => r.Value)
        + SubjectKeys.Where(s => s.Key < version).Sum(s => s.Value);
}
