using Mirrorspace.Storage.Devices;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite.Devices;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Sqlite.Tests.Devices;

/// <summary>
/// Device identities in the node's SQLite file: global lookups by id and certificate thumbprint (a
/// credential names its tenant), everything else within one tenant, and a thumbprint pinned to one device only.
/// </summary>
public sealed class SqliteDeviceStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = new(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

    private readonly TempDatabase _database = new();
    private SqliteDeviceStore _sut = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sut = new SqliteDeviceStore(new SqliteStoreOptions { DatabasePath = _database.FilePath });
        await _sut.InitializeAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _sut.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Create_ThenFindAndGet_ReturnTheSameRecord()
    {
        var device = SecretDevice("dev-000000000000000a", "tenant-a");

        Assert.True(await _sut.CreateAsync(device, Ct));

        AssertSame(device, await _sut.FindAsync(device.DeviceId, Ct));
        AssertSame(device, await _sut.GetAsync("tenant-a", device.DeviceId, Ct));
    }

    [Fact]
    public async Task Create_SameDeviceIdTwice_IsRefusedAndKeepsTheFirst()
    {
        var first = SecretDevice("dev-000000000000000a", "tenant-a");
        await _sut.CreateAsync(first, Ct);

        Assert.False(await _sut.CreateAsync(SecretDevice("dev-000000000000000a", "tenant-b") with { TwinId = "other" }, Ct));

        AssertSame(first, await _sut.FindAsync(first.DeviceId, Ct));
    }

    [Fact]
    public async Task Create_ThumbprintOfAnotherDevice_IsRefusedEvenInAnotherTenant()
    {
        await _sut.CreateAsync(CertificateDevice("dev-000000000000000a", "tenant-a", "ab12"), Ct);

        Assert.False(await _sut.CreateAsync(CertificateDevice("dev-000000000000000b", "tenant-b", "ab12"), Ct));

        Assert.Null(await _sut.FindAsync("dev-000000000000000b", Ct));
    }

    [Fact]
    public async Task FindByThumbprint_ReturnsItsDeviceOnly()
    {
        var device = CertificateDevice("dev-000000000000000a", "tenant-a", "ab12");
        await _sut.CreateAsync(device, Ct);
        await _sut.CreateAsync(SecretDevice("dev-000000000000000b", "tenant-a"), Ct);

        AssertSame(device, await _sut.FindByThumbprintAsync("ab12", Ct));
        Assert.Null(await _sut.FindByThumbprintAsync("AB12", Ct));
        Assert.Null(await _sut.FindByThumbprintAsync("cd34", Ct));
    }

    [Fact]
    public async Task Create_NeitherOrBothCredentials_IsRejected()
    {
        var neither = SecretDevice("dev-000000000000000a", "tenant-a") with { SecretHash = null };
        var both = SecretDevice("dev-000000000000000b", "tenant-a") with { CertificateThumbprint = "ab12" };

        await Assert.ThrowsAnyAsync<Exception>(() => _sut.CreateAsync(neither, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => _sut.CreateAsync(both, Ct));
        Assert.Null(await _sut.FindAsync(neither.DeviceId, Ct));
        Assert.Null(await _sut.FindAsync(both.DeviceId, Ct));
    }

    [Fact]
    public async Task Update_ReplacesCredentialEnabledAndVersion()
    {
        var device = SecretDevice("dev-000000000000000a", "tenant-a");
        await _sut.CreateAsync(device, Ct);
        var changed = device with
        {
            SecretHash = null,
            CertificateThumbprint = "ab12",
            Enabled = false,
            CredentialVersion = 2,
            UpdatedAt = Created.AddHours(1),
        };

        Assert.True(await _sut.UpdateAsync(changed, Ct));

        AssertSame(changed, await _sut.GetAsync("tenant-a", device.DeviceId, Ct));
        AssertSame(changed, await _sut.FindByThumbprintAsync("ab12", Ct));
    }

    [Fact]
    public async Task Update_ToAThumbprintAnotherDeviceHas_ReturnsFalseAndChangesNothing()
    {
        await _sut.CreateAsync(CertificateDevice("dev-000000000000000a", "tenant-a", "ab12"), Ct);
        var device = SecretDevice("dev-000000000000000b", "tenant-a");
        await _sut.CreateAsync(device, Ct);

        var updated = await _sut.UpdateAsync(device with { SecretHash = null, CertificateThumbprint = "ab12", CredentialVersion = 2 }, Ct);

        Assert.False(updated);
        AssertSame(device, await _sut.FindAsync(device.DeviceId, Ct));
    }

    [Fact]
    public async Task OtherTenant_CannotGetUpdateOrDeleteTheDevice()
    {
        var device = SecretDevice("dev-000000000000000a", "tenant-a");
        await _sut.CreateAsync(device, Ct);

        Assert.Null(await _sut.GetAsync("tenant-b", device.DeviceId, Ct));
        Assert.False(await _sut.UpdateAsync(device with { TenantId = "tenant-b", Enabled = false }, Ct));
        Assert.False(await _sut.DeleteAsync("tenant-b", device.DeviceId, Ct));
        AssertSame(device, await _sut.GetAsync("tenant-a", device.DeviceId, Ct));
    }

    [Fact]
    public async Task Delete_OwnDevice_RemovesItAndFreesItsThumbprint()
    {
        var device = CertificateDevice("dev-000000000000000a", "tenant-a", "ab12");
        await _sut.CreateAsync(device, Ct);

        Assert.True(await _sut.DeleteAsync("tenant-a", device.DeviceId, Ct));

        Assert.Null(await _sut.FindAsync(device.DeviceId, Ct));
        Assert.Null(await _sut.FindByThumbprintAsync("ab12", Ct));
        Assert.False(await _sut.DeleteAsync("tenant-a", device.DeviceId, Ct));
        Assert.True(await _sut.CreateAsync(CertificateDevice("dev-000000000000000b", "tenant-a", "ab12"), Ct));
    }

    [Fact]
    public async Task List_ReturnsTheTenantsDevicesByIdInPages()
    {
        foreach (var id in new[] { "dev-000000000000000c", "dev-000000000000000a", "dev-000000000000000b" })
        {
            await _sut.CreateAsync(SecretDevice(id, "tenant-a"), Ct);
        }

        await _sut.CreateAsync(SecretDevice("dev-0000000000000001", "tenant-b"), Ct);

        var first = await _sut.ListAsync("tenant-a", new PageRequest(2), Ct);
        var second = await _sut.ListAsync("tenant-a", new PageRequest(2, first.NextAfter), Ct);

        Assert.Equal(["dev-000000000000000a", "dev-000000000000000b"], first.Items.Select(d => d.DeviceId));
        Assert.Equal(["dev-000000000000000c"], second.Items.Select(d => d.DeviceId));
        Assert.Null(second.NextAfter);
        Assert.Empty((await _sut.ListAsync("tenant-c", new PageRequest(10), Ct)).Items);
    }

    [Fact]
    public async Task RecordDeviceReading_NullValues_KeepWhatIsStored()
    {
        var device = SecretDevice("dev-000000000000000a", "tenant-a");
        await _sut.CreateAsync(device, Ct);
        await using var store = new SqliteTwinSpaceStore(new SqliteStoreOptions { DatabasePath = _database.FilePath });
        await store.InitializeAsync(Ct);

        await store.CommitAsync([new RecordDeviceReading("tenant-a", device.DeviceId, 7, 0.5)], Ct);
        await store.CommitAsync([new RecordDeviceReading("tenant-a", device.DeviceId, null, null)], Ct);
        var kept = await _sut.FindAsync(device.DeviceId, Ct);
        await store.CommitAsync([new RecordDeviceReading("tenant-a", device.DeviceId, 8, null)], Ct);
        var sequenceMoved = await _sut.FindAsync(device.DeviceId, Ct);

        Assert.Equal((7u, 0.5), (kept!.LastSequence, kept.Trust));
        Assert.Equal((8u, 0.5), (sequenceMoved!.LastSequence, sequenceMoved.Trust));
    }

    private static DeviceRecord SecretDevice(string deviceId, string tenantId) => new()
    {
        DeviceId = deviceId,
        TenantId = tenantId,
        TwinId = "pump-1",
        SecretHash = [1, 2, 3, (byte)deviceId[^1]],
        Enabled = true,
        CredentialVersion = 1,
        CreatedAt = Created,
        UpdatedAt = Created,
    };

    private static DeviceRecord CertificateDevice(string deviceId, string tenantId, string thumbprint) =>
        SecretDevice(deviceId, tenantId) with { SecretHash = null, CertificateThumbprint = thumbprint };

    private static void AssertSame(DeviceRecord expected, DeviceRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { SecretHash = null }, actual with { SecretHash = null });
        Assert.Equal(expected.SecretHash, actual.SecretHash);
    }
}
