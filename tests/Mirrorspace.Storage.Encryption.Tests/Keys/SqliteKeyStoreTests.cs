using Mirrorspace.Storage.Encryption.Tests.Testing;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Keys;

/// <summary>What the SQLite key store promises beyond the interface: destroyed keys are gone from the file, not just unlinked.</summary>
public sealed class SqliteKeyStoreTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    // The scans run while the node still has the database open: closing it checkpoints and deletes the
    // WAL anyway, but an erasure must take effect at once, not at the next clean shutdown.
    [Fact]
    public async Task EraseSubjectKeyAsync_WrappedKey_AtOnceNoLongerAnywhereInTheDataDirectory()
    {
        await using var space = await Spaces.OpenAsync(_directory, Spaces.NewKey());
        await space.Store.CreateTenantAsync(Tenant(TenantA), Ct);
        await space.Keys.EncryptForSubjectAsync(new(TenantA, "personal.value", "r1"), "alice", "x"u8.ToArray(), Ct);
        await space.Keys.EncryptForSubjectAsync(new(TenantA, "personal.value", "r2"), "bob", "y"u8.ToArray(), Ct);
        var wrapped = await _directory.ScalarAsync<byte[]>("SELECT wrapped_key FROM subject_keys WHERE subject_id = 'alice'");
        Assert.True(_directory.CountOccurrences(wrapped) > 0, "the scan finds the wrapped key while it exists");

        await space.Keys.EraseSubjectAsync(TenantA, "alice", Ct);

        Assert.Equal(0, _directory.CountFragments(wrapped));
        Assert.Equal(1L, await _directory.ScalarAsync<long>("SELECT count(*) FROM subject_keys WHERE subject_id = 'alice' AND erased_at IS NOT NULL"));
    }

    [Fact]
    public async Task RotateMasterKeyAsync_OldWrappingOfEveryDataKey_AtOnceNoLongerAnywhereInTheDataDirectory()
    {
        await using var space = await Spaces.OpenAsync(_directory, Spaces.NewKey());
        await space.Store.CreateTenantAsync(Tenant(TenantA), Ct);
        await space.Store.CreateTenantAsync(Tenant(TenantB), Ct);
        var oldWrapping = await _directory.ScalarAsync<byte[]>("SELECT wrapped_key FROM tenant_data_keys WHERE tenant_id = 'tenant-a'");
        Assert.True(_directory.CountOccurrences(oldWrapping) > 0, "the scan finds the old wrapping while it exists");

        await space.Rotation.RotateMasterKeyAsync(Security.Crypto.MasterKey.Generate(), Ct);

        Assert.Equal(0, _directory.CountFragments(oldWrapping));
    }

    [Fact]
    public async Task OpenAsync_NewDatabase_IsAtLeastAtSchemaVersionTwo()
    {
        await using var space = await Spaces.OpenAsync(_directory, Spaces.NewKey());

        // Version 2 brought the key tables; later migrations keep them.
        Assert.InRange(await _directory.ScalarAsync<long>("PRAGMA user_version"), 2L, long.MaxValue);
    }
}
