using System.Security.Cryptography;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using Mirrorspace.Storage.Sqlite;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Encryption;

/// <summary>Attacks on the decorator: values moved between tenants, rows and kinds; values in clear; a key store that is down.</summary>
public sealed class EncryptingTwinSpaceStoreTests : IAsyncLifetime
{
    private readonly TempDataDirectory _directory = new();
    private EncryptedTwinSpace _space = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITwinSpaceStore Sut => _space.Store;

    public async ValueTask InitializeAsync()
    {
        var key = Spaces.NewKey();
        _space = await Spaces.OpenAsync(_directory, key);
        await Sut.CreateTenantAsync(Tenant(TenantA), Ct);
        await Sut.CreateTenantAsync(Tenant(TenantB), Ct);
        await Sut.CommitAsync(
            [
                Event(TenantA, "pump-1", 1, """{"a":1}"""),
                Event(TenantA, "pump-1", 2, """{"a":2}"""),
                Event(TenantB, "pump-1", 1, """{"b":1}"""),
                Twin(TenantA, "pump-1", 2, """{"snapshot":"a"}"""),
            ],
            Ct);

        // Closing indexes the events, so the attacks below find them in the history's chunks.
        await _space.DisposeAsync();
        _space = await Spaces.OpenAsync(_directory, key);
    }

    public async ValueTask DisposeAsync()
    {
        await _space.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task ReadEventsAsync_PayloadCopiedFromAnotherTenant_Throws()
    {
        Assert.Equal("""{"b":1}""", (await Sut.ReadEventAsync(TenantB, "pump-1", 1)).Payload);

        await SetEventFieldAsync(TenantB, 1, Payload, EventField(TenantA, 1, Payload));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Sut.ReadEventAsync(TenantB, "pump-1", 1));
    }

    [Fact]
    public async Task ReadEventsAsync_PayloadCopiedFromAnotherRowOfSameTwin_Throws()
    {
        Assert.Equal("""{"a":2}""", (await Sut.ReadEventAsync(TenantA, "pump-1", 2)).Payload);

        await SetEventFieldAsync(TenantA, 2, Payload, EventField(TenantA, 1, Payload));

        var thrown = await Assert.ThrowsAnyAsync<CryptographicException>(() => Sut.ReadEventAsync(TenantA, "pump-1", 2));
        Assert.Contains("pump-1/2", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEventsAsync_SourceReplacedByPayloadOfSameEvent_Throws()
    {
        await SetEventFieldAsync(TenantA, 1, Source, EventField(TenantA, 1, Payload));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Sut.ReadEventAsync(TenantA, "pump-1", 1));
    }

    [Fact]
    public async Task GetTwinAsync_SnapshotReplacedByEventPayloadOfSameVersion_Throws()
    {
        Assert.Equal("""{"snapshot":"a"}""", (await Sut.GetTwinAsync(TenantA, "pump-1", Ct))!.Snapshot);

        await _directory.ExecuteAsync($"UPDATE twins SET snapshot = {EventField(TenantA, 2, Payload)} WHERE tenant_id = 'tenant-a' AND twin_id = 'pump-1'");

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Sut.GetTwinAsync(TenantA, "pump-1", Ct));
    }

    [Fact]
    public async Task ReadEventsAsync_ValueStoredInClear_ThrowsInsteadOfReturningIt()
    {
        await SetEventFieldAsync(TenantA, 1, Payload, """'{"a":1}'""");

        var thrown = await Assert.ThrowsAnyAsync<CryptographicException>(() => Sut.ReadEventAsync(TenantA, "pump-1", 1));
        Assert.Contains("not encrypted", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_KeyStoreUnavailable_FailsAndWritesNothing()
    {
        using var directory = new TempDataDirectory();
        await using var inner = new SqliteTwinSpaceStore(directory.Options);
        await inner.InitializeAsync(Ct);
        using var keys = new KeyRing(new UnavailableKeyStore(), MasterKey.Generate(), Spaces.Clock());
        var sut = new EncryptingTwinSpaceStore(inner, keys);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.CreateTenantAsync(Tenant(TenantA), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.CommitAsync([Event(TenantA, "pump-1", 1)], Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.SaveModelAsync(Model(TenantA, "pump", 1, "{}"), Ct));

        Assert.Null(await inner.GetTenantAsync(TenantA, Ct));
        Assert.Empty(await inner.ReadAllEventsAsync(TenantA, "pump-1"));
        Assert.Null(await inner.GetModelAsync(TenantA, "pump", 1, Ct));
    }

    [Fact]
    public async Task Store_FieldsForLookups_StayClearAndValuesDoNot()
    {
        var (tenant, version, payload, source) = await ReadRawEventAsync();

        Assert.Equal((TenantA, 1L), (tenant, version));
        Assert.StartsWith(EncryptedText.Prefix, payload, StringComparison.Ordinal);
        Assert.StartsWith(EncryptedText.Prefix, source, StringComparison.Ordinal);
    }

    // An event in a chunk of the history is [version, timestamp, kind, payload, source].
    private const int Version = 0;
    private const int Payload = 3;
    private const int Source = 4;

    /// <summary>A scalar subquery for one stored field of pump-1's event: the attacks copy raw stored values.</summary>
    private static string EventField(string tenant, long version, int field) => $"""
        (SELECT e.value ->> {field}
         FROM twin_event_chunks AS c, json_each(c.events) AS e
         WHERE c.tenant_id = '{tenant}' AND c.twin_id = 'pump-1' AND e.value ->> 0 = {version})
        """;

    /// <summary>Overwrites one stored field of pump-1's event in place, as an attacker with the file could.</summary>
    private Task<int> SetEventFieldAsync(string tenant, long version, int field, string valueSql) => _directory.ExecuteAsync($"""
        UPDATE twin_event_chunks
        SET events = json_set(events, (SELECT '$[' || e.key || '][{field}]' FROM json_each(events) AS e WHERE e.value ->> 0 = {version}), {valueSql})
        WHERE tenant_id = '{tenant}' AND twin_id = 'pump-1'
        """);

    private async Task<(string Tenant, long Version, string Payload, string Source)> ReadRawEventAsync() => (
        await _directory.ScalarAsync<string>("SELECT tenant_id FROM twin_event_chunks WHERE tenant_id = 'tenant-a' AND first_version = 1"),
        await _directory.ScalarAsync<long>($"SELECT {EventField(TenantA, 1, Version)}"),
        await _directory.ScalarAsync<string>($"SELECT {EventField(TenantA, 1, Payload)}"),
        await _directory.ScalarAsync<string>($"SELECT {EventField(TenantA, 1, Source)}"));
}
