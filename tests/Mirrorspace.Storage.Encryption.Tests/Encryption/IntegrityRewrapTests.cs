using Mirrorspace.Storage.Devices;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Sqlite.Devices;
using Mirrorspace.Storage.Sqlite.Integrity;
using Mirrorspace.Storage.Writes;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Encryption;

/// <summary>
/// Held readings, signal details and devices' HS256 keys are sealed like the history, so a key
/// rotation must move them too: after a rewrap the older key version can be refused and they still open.
/// </summary>
public sealed class IntegrityRewrapTests : IAsyncLifetime
{
    private const string DeviceId = "dev-0123456789abcdef";
    private readonly TempDataDirectory _directory = new();
    private EncryptedTwinSpace _space = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _space = await Spaces.OpenAsync(_directory, Spaces.NewKey());
        await _space.Store.CreateTenantAsync(Tenant(TenantA), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _space.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task RewrapAsync_HeldReadingsSignalsAndDeviceKeys_AreMovedAndStillOpenUnderTheNewestOnly()
    {
        var at = Spaces.BaseTime;
        var held = new QuarantineRecord { QuarantineId = "q-0001", TenantId = TenantA, TwinId = "pump-1", ReceivedAt = at, Document = """{"values":{"speed":987654.5}}""" };
        var signal = new SignalRecord { TenantId = TenantA, TwinId = "pump-1", At = at, Kind = "spike", Verdict = "quarantined", Detail = "987654.5 is a spike" };
        await _space.Store.CommitAsync([new HoldReading(held), new RecordSignal(signal)], Ct);
        await using var devices = new SqliteDeviceStore(_directory.Options);
        var cipher = new KeyRingDeviceKeyCipher(_space.Keys);
        byte[] deviceKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        await devices.CreateAsync(
            new DeviceRecord
            {
                DeviceId = DeviceId,
                TenantId = TenantA,
                TwinId = "pump-1",
                SecretHash = new byte[32],
                Enabled = true,
                CredentialVersion = 1,
                CreatedAt = at,
                UpdatedAt = at,
                SigningAlgorithm = "HS256",
                SigningKey = await cipher.SealAsync(TenantA, DeviceId, deviceKey, Ct),
            },
            Ct);
        await _space.Rotation.RotateTenantKeyAsync(TenantA, Ct);

        // The tenant's name, the held reading, the signal and the device key.
        Assert.Equal(4, (await _space.Rotation.GetUsageAsync(TenantA, Ct))!.CountBelow(2));

        var result = await _space.Rotation.RewrapAsync(TenantA, new RecordingProgress(), Ct);

        Assert.Equal((4, 0), (result.Rewritten, result.Unreadable));
        Assert.Equal(MinimumVersionOutcome.Applied, (await _space.Rotation.SetMinimumDecryptionVersionAsync(TenantA, 2, force: false, Ct)).Outcome);
        await using var integrity = new EncryptingIntegrityStore(new SqliteIntegrityStore(_directory.Options), _space.Keys);
        Assert.Equal(held.Document, (await integrity.GetQuarantineAsync(TenantA, "q-0001", Ct))!.Document);
        Assert.Equal(signal.Detail, Assert.Single(await integrity.ListSignalsAsync(TenantA, "pump-1", 0, 10, Ct)).Detail);
        var stored = (await devices.GetAsync(TenantA, DeviceId, Ct))!;
        Assert.Equal(deviceKey, await cipher.OpenAsync(TenantA, DeviceId, stored.SigningKey!, Ct));
    }
}
