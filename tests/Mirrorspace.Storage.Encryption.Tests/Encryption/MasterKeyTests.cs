using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Keys;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Encryption;

/// <summary>Opening with a missing, wrong or rotated master key; the node must refuse rather than guess.</summary>
public sealed class MasterKeyTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenAsync_WrongMasterKey_ThrowsMismatchAndLeavesTheDatabaseUsable()
    {
        var key = Spaces.NewKey();
        await SeedAsync(key);

        var thrown = await Assert.ThrowsAsync<MasterKeyMismatchException>(() => Spaces.OpenAsync(_directory, Spaces.NewKey()));

        Assert.Contains("does not match", thrown.Message, StringComparison.Ordinal);
        await AssertSeedReadableAsync(key);
    }

    [Fact]
    public async Task OpenAsync_NoMasterKeyAnywhere_ThrowsMissing()
    {
        await Assert.ThrowsAsync<MasterKeyMissingException>(
            () => SqliteEncryption.OpenAsync(_directory.Options, new MasterKeySource(), Spaces.Clock(), Ct));
        await Assert.ThrowsAsync<MasterKeyMissingException>(
            () => SqliteEncryption.OpenAsync(_directory.Options, new MasterKeySource { FilePath = _directory.KeyPath }, Spaces.Clock(), Ct));
    }

    [Fact]
    public async Task OpenAsync_DatabaseWrittenWithoutEncryption_Refuses()
    {
        await using (var plain = new SqliteTwinSpaceStore(_directory.Options))
        {
            await plain.InitializeAsync(Ct);
            await plain.CreateTenantAsync(Tenant(TenantA), Ct);
        }

        await Assert.ThrowsAsync<UnencryptedDataException>(() => Spaces.OpenAsync(_directory, Spaces.NewKey()));
    }

    [Fact]
    public async Task OpenAsync_KeyCheckValueDeletedFromDatabaseWithKeys_Refuses()
    {
        await SeedAsync(Spaces.NewKey());
        await _directory.ExecuteAsync("DELETE FROM key_check");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Spaces.OpenAsync(_directory, Spaces.NewKey()));
    }

    [Fact]
    public async Task RotateMasterKeyAsync_EverythingStaysReadableAndOnlyTheNewKeyOpens()
    {
        var oldKey = Spaces.NewKey();
        var newKey = Spaces.NewKey();
        await SeedAsync(oldKey);

        await using (var space = await Spaces.OpenAsync(_directory, oldKey))
        {
            await space.Rotation.RotateMasterKeyAsync(MasterKey.FromBase64(newKey), Ct);

            // A tenant created after the rotation gets its first data key wrapped under the new master key.
            await space.Store.CreateTenantAsync(Tenant(TenantB), Ct);
            await space.Store.CommitAsync([Event(TenantB, "pump-1", 1, "\"after rotation\"")], Ct);
            Assert.Equal("\"seed\"", (await space.Store.ReadEventAsync(TenantA, "pump-1", 1)).Payload);
        }

        await AssertSeedReadableAsync(newKey);
        await using (var reopened = await Spaces.OpenAsync(_directory, newKey))
        {
            Assert.Equal("\"after rotation\"", (await reopened.Store.ReadEventAsync(TenantB, "pump-1", 1)).Payload);
        }

        await Assert.ThrowsAsync<MasterKeyMismatchException>(() => Spaces.OpenAsync(_directory, oldKey));
    }

    [Fact]
    public async Task RotateMasterKeyFileAsync_KeyFile_IsReplacedAndOpensTheDatabase()
    {
        var source = new MasterKeySource { FilePath = _directory.KeyPath };
        string oldKey;
        using (var created = MasterKeyFile.CreateNew(_directory.KeyPath))
        {
            oldKey = created.ExportBase64();
        }

        await SeedAsync(oldKey);
        await using (var space = await SqliteEncryption.OpenAsync(_directory.Options, source, Spaces.Clock(), Ct))
        {
            await space.Rotation.RotateMasterKeyFileAsync(_directory.KeyPath, Ct);
        }

        using (var rotated = MasterKeyFile.Read(_directory.KeyPath))
        {
            Assert.NotEqual(oldKey, rotated.ExportBase64());
        }

        Assert.False(File.Exists(MasterKeyFile.PendingPath(_directory.KeyPath)));
        await using var reopened = await SqliteEncryption.OpenAsync(_directory.Options, source, Spaces.Clock(), Ct);
        Assert.Equal("\"seed\"", (await reopened.Store.ReadEventAsync(TenantA, "pump-1", 1)).Payload);
    }

    [Fact]
    public async Task OpenAsync_RotationStoppedBeforeTheRename_CompletesItOnStart()
    {
        var source = new MasterKeySource { FilePath = _directory.KeyPath };
        MasterKeyFile.CreateNew(_directory.KeyPath).Dispose();
        await using (var space = await SqliteEncryption.OpenAsync(_directory.Options, source, Spaces.Clock(), Ct))
        {
            await space.Store.CreateTenantAsync(Tenant(TenantA, "Acme"), Ct);

            // The database moves to the pending key, and the process dies before the rename.
            var pending = MasterKeyFile.CreateNew(MasterKeyFile.PendingPath(_directory.KeyPath));
            await space.Rotation.RotateMasterKeyAsync(pending, Ct);
        }

        await using var reopened = await SqliteEncryption.OpenAsync(_directory.Options, source, Spaces.Clock(), Ct);

        Assert.Equal("Acme", (await reopened.Store.GetTenantAsync(TenantA, Ct))!.Name);
        Assert.False(File.Exists(MasterKeyFile.PendingPath(_directory.KeyPath)));
    }

    [Fact]
    public async Task RotateMasterKeyFileAsync_PendingKeyAlreadyInTheDatabase_FinishesAndUsesIt()
    {
        var source = new MasterKeySource { FilePath = _directory.KeyPath };
        MasterKeyFile.CreateNew(_directory.KeyPath).Dispose();
        await using var space = await SqliteEncryption.OpenAsync(_directory.Options, source, Spaces.Clock(), Ct);
        await space.Store.CreateTenantAsync(Tenant(TenantA, "Acme"), Ct);
        await using (var other = await SqliteEncryption.OpenAsync(_directory.Options, source, Spaces.Clock(), Ct))
        {
            // Another instance moved the database to the pending key and stopped before the rename.
            await other.Rotation.RotateMasterKeyAsync(MasterKeyFile.CreateNew(MasterKeyFile.PendingPath(_directory.KeyPath)), Ct);
        }

        await space.Rotation.RotateMasterKeyFileAsync(_directory.KeyPath, Ct);

        // The new tenant's data key is wrapped under the key now in the file, so a fresh start reads it.
        await space.Store.CreateTenantAsync(Tenant(TenantB, "Globex"), Ct);
        Assert.False(File.Exists(MasterKeyFile.PendingPath(_directory.KeyPath)));
        await using var reopened = await SqliteEncryption.OpenAsync(_directory.Options, source, Spaces.Clock(), Ct);
        Assert.Equal("Globex", (await reopened.Store.GetTenantAsync(TenantB, Ct))!.Name);
        Assert.Equal("Acme", (await reopened.Store.GetTenantAsync(TenantA, Ct))!.Name);
    }

    private async Task SeedAsync(string masterKey)
    {
        await using var space = await Spaces.OpenAsync(_directory, masterKey);
        await space.Store.CreateTenantAsync(Tenant(TenantA, "Acme"), Ct);
        await space.Store.CommitAsync([Event(TenantA, "pump-1", 1, "\"seed\"")], Ct);
    }

    private async Task AssertSeedReadableAsync(string masterKey)
    {
        await using var space = await Spaces.OpenAsync(_directory, masterKey);
        Assert.Equal("Acme", (await space.Store.GetTenantAsync(TenantA, Ct))!.Name);
        Assert.Equal("\"seed\"", (await space.Store.ReadEventAsync(TenantA, "pump-1", 1)).Payload);
    }
}
