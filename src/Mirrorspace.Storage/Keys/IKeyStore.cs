using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Storage.Keys;

/// <summary>
/// Durable key material for encryption at rest: only wrapped keys, never a key in clear. Holds the
/// key check value of the master key, each tenant's <see cref="KeyPolicy"/> and wrapped data key
/// versions, and the wrapped keys and tombstones of data subjects.
/// </summary>
public interface IKeyStore
{
    /// <summary>Creates or migrates the tables. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Null until the database is set up for encryption.</summary>
    Task<byte[]?> GetKeyCheckValueAsync(CancellationToken cancellationToken);

    /// <summary>Stores the first key check value; false when one exists already.</summary>
    Task<bool> TryCreateKeyCheckValueAsync(byte[] checkValue, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>Whether any tenant has a data key (a database with keys but no check value is damaged).</summary>
    Task<bool> HasDataKeysAsync(CancellationToken cancellationToken);

    Task<KeyPolicy?> GetPolicyAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The wrapped versions from <paramref name="minimumVersion"/> up, in version order.</summary>
    Task<IReadOnlyList<WrappedDataKey>> GetDataKeysAsync(string tenantId, int minimumVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Stores version 1 and the policy (1, 1) in one transaction when the tenant has no keys yet;
    /// false when it already has (another caller won: read its key instead).
    /// </summary>
    Task<bool> TryCreateFirstDataKeyAsync(WrappedDataKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="key"/> as the new current version in one transaction, only while the
    /// current version is still <paramref name="expectedCurrentVersion"/> and the key is the next one.
    /// </summary>
    Task<bool> TryAddDataKeyVersionAsync(WrappedDataKey key, int expectedCurrentVersion, CancellationToken cancellationToken);

    /// <summary>Sets the minimum decryption version; false when it exceeds the current version or the tenant has no keys.</summary>
    Task<bool> SetMinimumDecryptionVersionAsync(string tenantId, int version, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>Every wrapped data key of every tenant: what a master key rotation rewraps.</summary>
    Task<IReadOnlyList<WrappedDataKey>> GetAllDataKeysAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces every wrapped data key and the key check value in one transaction, only while the
    /// stored check value is still <paramref name="expectedCheckValue"/> and the set of keys is
    /// exactly <paramref name="rewrapped"/>'s; false otherwise, with nothing changed. Old wrappings
    /// are overwritten on disk, not only unlinked.
    /// </summary>
    Task<bool> ReplaceMasterKeyWrappingAsync(
        IReadOnlyList<WrappedDataKey> rewrapped,
        byte[] expectedCheckValue,
        byte[] checkValue,
        CancellationToken cancellationToken);

    /// <summary>The subject's key or tombstone; null when the subject never had a key.</summary>
    Task<SubjectKeyRecord?> GetSubjectKeyAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>False when the subject already has a key or a tombstone.</summary>
    Task<bool> TryCreateSubjectKeyAsync(SubjectKeyRecord key, CancellationToken cancellationToken);

    /// <summary>
    /// Destroys the subject's wrapped key (overwritten on disk, not only unlinked) and leaves a
    /// tombstone; a subject without a key gets a tombstone too, so no key is created for it later.
    /// False when it was already erased.
    /// </summary>
    Task<bool> EraseSubjectKeyAsync(string tenantId, string subjectId, DateTimeOffset erasedAt, CancellationToken cancellationToken);

    /// <summary>Live subject keys wrapped under a tenant key version below <paramref name="version"/>, by subject id after <paramref name="afterSubjectId"/>.</summary>
    Task<IReadOnlyList<SubjectKeyRecord>> GetSubjectKeysWrappedBelowAsync(
        string tenantId,
        int version,
        string afterSubjectId,
        int limit,
        CancellationToken cancellationToken);

    /// <summary>Replaces a subject key's wrapping, only while it is still wrapped under <paramref name="expectedTenantKeyVersion"/>.</summary>
    Task<bool> TryRewrapSubjectKeyAsync(SubjectKeyRecord key, int expectedTenantKeyVersion, CancellationToken cancellationToken);

    /// <summary>Live subject keys per wrapping tenant key version.</summary>
    Task<IReadOnlyDictionary<int, long>> CountSubjectKeysByVersionAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Crypto-shreds a tenant in one transaction: destroys its data and subject keys and removes its
    /// rows. False when there was no such tenant.
    /// </summary>
    Task<bool> EraseTenantAsync(string tenantId, CancellationToken cancellationToken);
}
