using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Encryption;

/// <summary>Crypto-shredding one data subject: their values read as erased, everyone else's stay readable.</summary>
public sealed class SubjectErasureTests : IAsyncLifetime
{
    private static readonly RecordContext AliceRecord = new(TenantA, "health.value", "wearable-1/heartRate/1");
    private static readonly RecordContext BobRecord = new(TenantA, "health.value", "wearable-2/heartRate/1");

    private readonly TempDataDirectory _directory = new();
    private readonly string _masterKey = Spaces.NewKey();
    private EncryptedTwinSpace _space = null!;
    private byte[] _alice = null!;
    private byte[] _bob = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KeyRing Sut => _space.Keys;

    public async ValueTask InitializeAsync()
    {
        _space = await Spaces.OpenAsync(_directory, _masterKey);
        await _space.Store.CreateTenantAsync(Tenant(TenantA), Ct);
        await _space.Store.CommitAsync([Event(TenantA, "wearable-1", 1, """{"model":"wearable"}""")], Ct);
        _alice = await Sut.EncryptForSubjectAsync(AliceRecord, "alice", "72 bpm"u8.ToArray(), Ct);
        _bob = await Sut.EncryptForSubjectAsync(BobRecord, "bob", "64 bpm"u8.ToArray(), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _space.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task DecryptAsync_BeforeErasure_ReturnsTheValue()
    {
        var result = await Sut.DecryptAsync(AliceRecord, _alice, Ct);

        Assert.False(result.IsErased);
        Assert.True(result.TryGetPlaintext(out var plaintext));
        Assert.Equal("72 bpm", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public async Task EraseSubjectAsync_OneSubject_ReadsAsErasedWhileOthersAndTenantDataStayReadable()
    {
        Assert.True(await Sut.EraseSubjectAsync(TenantA, "alice", Ct));

        var alice = await Sut.DecryptAsync(AliceRecord, _alice, Ct);
        var bob = await Sut.DecryptAsync(BobRecord, _bob, Ct);

        Assert.True(alice.IsErased);
        Assert.Equal("alice", alice.ErasedSubjectId);
        Assert.False(alice.TryGetPlaintext(out _));
        Assert.True(bob.TryGetPlaintext(out var bobValue));
        Assert.Equal("64 bpm", Encoding.UTF8.GetString(bobValue));
        Assert.Equal("""{"model":"wearable"}""", (await _space.Store.ReadEventAsync(TenantA, "wearable-1", 1)).Payload);
    }

    [Fact]
    public async Task EraseSubjectAsync_AfterRestart_StaysErasedAndNoNewKeyIsMade()
    {
        await Sut.EraseSubjectAsync(TenantA, "alice", Ct);
        await _space.DisposeAsync();

        _space = await Spaces.OpenAsync(_directory, _masterKey);

        Assert.True((await Sut.DecryptAsync(AliceRecord, _alice, Ct)).IsErased);
        await Assert.ThrowsAsync<SubjectErasedException>(() => Sut.EncryptForSubjectAsync(AliceRecord, "alice", "80 bpm"u8.ToArray(), Ct));
        Assert.False(await Sut.EraseSubjectAsync(TenantA, "alice", Ct));
        Assert.False((await Sut.DecryptAsync(BobRecord, _bob, Ct)).IsErased);
    }

    [Fact]
    public async Task DecryptAsync_SubjectThatNeverHadAKey_ThrowsRatherThanReportingErased()
    {
        using var forged = DataKey.Generate();
        var envelope = EnvelopeCipher.Encrypt(forged, EnvelopeHeader.ForSubjectKey("mallory"), AliceRecord, "0 bpm"u8);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Sut.DecryptAsync(AliceRecord, envelope, Ct));
    }

    [Fact]
    public async Task DecryptAsync_SubjectEnvelopeMovedToAnotherRecord_Throws()
    {
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Sut.DecryptAsync(BobRecord, _alice, Ct));
    }

    [Fact]
    public async Task EraseSubjectAsync_SubjectWithoutKey_LeavesATombstoneThatBlocksNewKeys()
    {
        Assert.True(await Sut.EraseSubjectAsync(TenantA, "carol", Ct));

        await Assert.ThrowsAsync<SubjectErasedException>(() => Sut.EncryptForSubjectAsync(AliceRecord, "carol", "1"u8.ToArray(), Ct));
    }
}
