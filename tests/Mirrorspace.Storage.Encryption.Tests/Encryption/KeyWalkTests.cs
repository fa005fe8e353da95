using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Encryption;

/// <summary>
/// Vault's key walk through the real store: one event per key version 1..N, then every minimum
/// decryption version in turn, with the expected pass or fail for every version.
/// </summary>
public sealed class KeyWalkTests : IAsyncLifetime
{
    private const int Versions = 4;

    private readonly TempDataDirectory _directory = new();
    private EncryptedTwinSpace _space = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KeyRotation Sut => _space.Rotation;

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
    public async Task RotateTenantKeyAsync_EachRotation_NewWritesUseTheNewVersionAtOnce()
    {
        await WriteOneEventPerVersionAsync();

        var usage = await Sut.GetUsageAsync(TenantA, Ct);

        Assert.NotNull(usage);
        Assert.Equal(new KeyPolicy(Versions, 1), usage.Policy);

        // Version 1 also sealed the tenant's name; every other version sealed one event (payload and source).
        Assert.Equal(new Dictionary<int, long> { [1] = 3, [2] = 2, [3] = 2, [4] = 2 }, usage.Records);
    }

    [Fact]
    public async Task ReadEventsAsync_KeyWalk_ReadsExactlyTheVersionsFromTheMinimumUp()
    {
        await WriteOneEventPerVersionAsync();

        for (var minimum = 1; minimum <= Versions; minimum++)
        {
            var change = await Sut.SetMinimumDecryptionVersionAsync(TenantA, minimum, force: true, Ct);
            Assert.Equal(MinimumVersionOutcome.Applied, change.Outcome);

            for (var version = 1; version <= Versions; version++)
            {
                if (version >= minimum)
                {
                    Assert.Equal(Payload(version), (await _space.Store.ReadEventAsync(TenantA, "pump-1", version)).Payload);
                }
                else
                {
                    var refused = await Assert.ThrowsAsync<KeyVersionRetiredException>(() => _space.Store.ReadEventAsync(TenantA, "pump-1", version));
                    Assert.Equal(version, refused.Version);
                }
            }
        }

        // The keys were kept: lowering the minimum again makes every version readable.
        Assert.Equal(MinimumVersionOutcome.Applied, (await Sut.SetMinimumDecryptionVersionAsync(TenantA, 1, force: false, Ct)).Outcome);
        Assert.Equal(
            Enumerable.Range(1, Versions).Select(Payload),
            (await _space.Store.ReadAllEventsAsync(TenantA, "pump-1")).Select(e => e.Payload));
    }

    [Fact]
    public async Task SetMinimumDecryptionVersionAsync_ValuesStillUnderOlderVersion_IsRefusedUntilRewrapped()
    {
        await _space.Store.CommitAsync([Event(TenantA, "pump-1", 1, Payload(1))], Ct);
        await Sut.RotateTenantKeyAsync(TenantA, Ct);

        var refused = await Sut.SetMinimumDecryptionVersionAsync(TenantA, 2, force: false, Ct);

        Assert.Equal(MinimumVersionOutcome.RefusedInUse, refused.Outcome);
        Assert.Equal(3, refused.InUseBelow);
        Assert.Equal(new KeyPolicy(2, 1), refused.Policy);
        Assert.Equal(Payload(1), (await _space.Store.ReadEventAsync(TenantA, "pump-1", 1)).Payload);

        await Sut.RewrapAsync(TenantA, progress: null, Ct);
        var applied = await Sut.SetMinimumDecryptionVersionAsync(TenantA, 2, force: false, Ct);

        Assert.Equal((MinimumVersionOutcome.Applied, 0L), (applied.Outcome, applied.InUseBelow));
        Assert.Equal(Payload(1), (await _space.Store.ReadEventAsync(TenantA, "pump-1", 1)).Payload);
        Assert.Equal("Tenant tenant-a", (await _space.Store.GetTenantAsync(TenantA, Ct))!.Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task SetMinimumDecryptionVersionAsync_OutsideOneToCurrent_IsInvalid(int version)
    {
        await Sut.RotateTenantKeyAsync(TenantA, Ct);

        var change = await Sut.SetMinimumDecryptionVersionAsync(TenantA, version, force: true, Ct);

        Assert.Equal(MinimumVersionOutcome.InvalidVersion, change.Outcome);
        Assert.Equal(new KeyPolicy(2, 1), (await Sut.GetUsageAsync(TenantA, Ct))!.Policy);
    }

    [Fact]
    public async Task SetMinimumDecryptionVersionAsync_TenantWithoutKeys_IsUnknown()
    {
        var change = await Sut.SetMinimumDecryptionVersionAsync("no-such-tenant", 1, force: false, Ct);

        Assert.Equal(MinimumVersionOutcome.UnknownTenant, change.Outcome);
    }

    private static string Payload(int version) => $$"""{"written-under-version":{{version}}}""";

    private async Task WriteOneEventPerVersionAsync()
    {
        for (var version = 1; version <= Versions; version++)
        {
            await _space.Store.CommitAsync([Event(TenantA, "pump-1", version, Payload(version))], Ct);
            if (version < Versions)
            {
                Assert.Equal(version + 1, await Sut.RotateTenantKeyAsync(TenantA, Ct));
            }
        }
    }
}
