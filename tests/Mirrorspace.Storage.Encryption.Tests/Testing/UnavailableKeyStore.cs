using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Encryption.Tests.Testing;

/// <summary>A key store that is down: every call fails, as a locked or unreachable key database would.</summary>
internal sealed class UnavailableKeyStore : IKeyStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) => Fail();

    public Task<byte[]?> GetKeyCheckValueAsync(CancellationToken cancellationToken) => Fail<byte[]?>();

    public Task<bool> TryCreateKeyCheckValueAsync(byte[] checkValue, DateTimeOffset createdAt, CancellationToken cancellationToken) => Fail<bool>();

    public Task<bool> HasDataKeysAsync(CancellationToken cancellationToken) => Fail<bool>();

    public Task<KeyPolicy?> GetPolicyAsync(string tenantId, CancellationToken cancellationToken) => Fail<KeyPolicy?>();

    public Task<IReadOnlyList<WrappedDataKey>> GetDataKeysAsync(string tenantId, int minimumVersion, CancellationToken cancellationToken) =>
        Fail<IReadOnlyList<WrappedDataKey>>();

    public Task<bool> TryCreateFirstDataKeyAsync(WrappedDataKey key, CancellationToken cancellationToken) => Fail<bool>();

    public Task<bool> TryAddDataKeyVersionAsync(WrappedDataKey key, int expectedCurrentVersion, CancellationToken cancellationToken) => Fail<bool>();

    public Task<bool> SetMinimumDecryptionVersionAsync(string tenantId, int version, DateTimeOffset updatedAt, CancellationToken cancellationToken) =>
        Fail<bool>();

    public Task<IReadOnlyList<WrappedDataKey>> GetAllDataKeysAsync(CancellationToken cancellationToken) => Fail<IReadOnlyList<WrappedDataKey>>();

    public Task<bool> ReplaceMasterKeyWrappingAsync(
        IReadOnlyList<WrappedDataKey> rewrapped,
        byte[] expectedCheckValue,
        byte[] checkValue,
        CancellationToken cancellationToken) => Fail<bool>();

    public Task<SubjectKeyRecord?> GetSubjectKeyAsync(string tenantId, string subjectId, CancellationToken cancellationToken) => Fail<SubjectKeyRecord?>();

    public Task<bool> TryCreateSubjectKeyAsync(SubjectKeyRecord key, CancellationToken cancellationToken) => Fail<bool>();

    public Task<bool> EraseSubjectKeyAsync(string tenantId, string subjectId, DateTimeOffset erasedAt, CancellationToken cancellationToken) => Fail<bool>();

    public Task<bool> EraseTenantAsync(string tenantId, CancellationToken cancellationToken) => Fail<bool>();

    public Task<IReadOnlyList<SubjectKeyRecord>> GetSubjectKeysWrappedBelowAsync(
        string tenantId,
        int version,
        string afterSubjectId,
        int limit,
        CancellationToken cancellationToken) => Fail<IReadOnlyList<SubjectKeyRecord>>();

    public Task<bool> TryRewrapSubjectKeyAsync(SubjectKeyRecord key, int expectedTenantKeyVersion, CancellationToken cancellationToken) => Fail<bool>();

    public Task<IReadOnlyDictionary<int, long>> CountSubjectKeysByVersionAsync(string tenantId, CancellationToken cancellationToken) =>
        Fail<IReadOnlyDictionary<int, long>>();

    private static Task Fail() => Task.FromException(new InvalidOperationException("The key store is unavailable."));

    private static Task<T> Fail<T>() => Task.FromException<T>(new InvalidOperationException("The key store is unavailable."));
}
