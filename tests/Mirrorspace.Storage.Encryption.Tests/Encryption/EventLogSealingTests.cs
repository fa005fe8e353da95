using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Keys;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Encryption;

/// <summary>Events waiting in the SQLite event log, before the indexer moves them, are as sealed as indexed ones.</summary>
public sealed class EventLogSealingTests : IAsyncLifetime
{
    private readonly TempDataDirectory _directory = new();
    private EncryptedTwinSpace _space = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The indexer only runs on close here, so the events below stay in the log.
        var options = new SqliteStoreOptions { DatabasePath = _directory.DatabasePath, HistoryIndexDelay = Timeout.InfiniteTimeSpan };
        _space = await SqliteEncryption.OpenAsync(options, MasterKey.Generate(), Spaces.Clock(), Ct);
        await _space.Store.CreateTenantAsync(Tenant(TenantA), Ct);
        await _space.Store.CommitAsync([Event(TenantA, "pump-1", 1, """{"a":1}""")], Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _space.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Store_EventInTheLog_IsSealedOnDiskAndOpensOnRead()
    {
        Assert.Equal(0L, await _directory.ScalarAsync<long>("SELECT count(*) FROM twin_event_chunks"));
        Assert.StartsWith(EncryptedText.Prefix, await _directory.ScalarAsync<string>("SELECT payload FROM twin_event_log WHERE tenant_id = 'tenant-a'"), StringComparison.Ordinal);
        Assert.StartsWith(EncryptedText.Prefix, await _directory.ScalarAsync<string>("SELECT source FROM twin_event_log WHERE tenant_id = 'tenant-a'"), StringComparison.Ordinal);

        Assert.Equal("""{"a":1}""", (await _space.Store.ReadEventAsync(TenantA, "pump-1", 1)).Payload);
    }

    [Fact]
    public async Task ReadEventsAsync_PayloadInTheLogCopiedFromAnotherRow_Throws()
    {
        await _space.Store.CommitAsync([Event(TenantA, "pump-1", 2, """{"a":2}""")], Ct);

        await _directory.ExecuteAsync("""
            UPDATE twin_event_log SET payload = (SELECT payload FROM twin_event_log WHERE tenant_id = 'tenant-a' AND version = 1)
            WHERE tenant_id = 'tenant-a' AND version = 2
            """);

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => _space.Store.ReadEventAsync(TenantA, "pump-1", 2));
    }
}
