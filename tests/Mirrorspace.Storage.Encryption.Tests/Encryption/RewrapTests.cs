using System.Text;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Encryption;

public sealed class RewrapTests : IAsyncLifetime
{
    private readonly TempDataDirectory _directory = new();
    private EncryptedTwinSpace _space = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KeyRotation Sut => _space.Rotation;

    public async ValueTask InitializeAsync()
    {
        _space = await Spaces.OpenAsync(_directory, Spaces.NewKey());
        await _space.Store.CreateTenantAsync(Tenant(TenantA), Ct);
        await _space.Store.CreateTenantAsync(Tenant(TenantB), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _space.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task RewrapAsync_RecordsOfEveryKindUnderOlderVersions_MovesEveryOneToTheNewest()
    {
        var store = _space.Store;
        await store.CreateApiKeyAsync(ApiKey(TenantA, "key-1", "gateway"), Ct);
        await store.SaveModelAsync(Model(TenantA, "pump", 1, """{"v":1}"""), Ct);
        await store.CommitAsync([Twin(TenantA, "pump-1", 1, """{"s":1}"""), .. Events(TenantA, "pump-1", 1, 10)], Ct);
        var context = new RecordContext(TenantA, "personal.value", "pump-1/operator");
        var alice = await _space.Keys.EncryptForSubjectAsync(context, "alice", Encoding.UTF8.GetBytes("Alice"), Ct);
        await Sut.RotateTenantKeyAsync(TenantA, Ct);
        await store.SaveModelAsync(Model(TenantA, "pump", 2, """{"v":2}"""), Ct);
        await store.CommitAsync([Twin(TenantA, "pump-1", 11, """{"s":11}"""), .. Events(TenantA, "pump-1", 11, 15)], Ct);
        await Sut.RotateTenantKeyAsync(TenantA, Ct);
        var below = (await Sut.GetUsageAsync(TenantA, Ct))!.CountBelow(3);
        var progress = new RecordingProgress();

        var result = await Sut.RewrapAsync(TenantA, progress, Ct);

        var usage = (await Sut.GetUsageAsync(TenantA, Ct))!;
        Assert.Equal([3], usage.Records.Keys);
        Assert.Equal(new Dictionary<int, long> { [3] = 1 }, usage.SubjectKeys);
        Assert.True(result.IsComplete);
        Assert.Equal(result.Total, result.Scanned);
        Assert.Equal(below - 1, result.Rewritten); // the one subject key below is rewrapped too, but it is not a stored value
        Assert.Equal(0, result.Unreadable);
        Assert.Equal(result, progress.Reports[^1]);

        // Everything still reads, also with the older versions refused.
        Assert.Equal(MinimumVersionOutcome.Applied, (await Sut.SetMinimumDecryptionVersionAsync(TenantA, 3, force: false, Ct)).Outcome);
        Assert.Equal(15, (await store.ReadAllEventsAsync(TenantA, "pump-1")).Count);
        Assert.Equal("""{"s":11}""", (await store.GetTwinAsync(TenantA, "pump-1", Ct))!.Snapshot);
        Assert.Equal("""{"v":1}""", (await store.GetModelAsync(TenantA, "pump", 1, Ct))!.Document);
        Assert.Equal("gateway", (await store.FindApiKeyAsync("key-1", Ct))!.Description);
        Assert.True((await _space.Keys.DecryptAsync(context, alice, Ct)).TryGetPlaintext(out var name));
        Assert.Equal("Alice", Encoding.UTF8.GetString(name));
    }

    [Fact]
    public async Task RewrapAsync_InterruptedAfterFirstBatch_ResumesWhereItStopped()
    {
        // The history is rewrapped a chunk at a time (128 versions): 300 events make three batches.
        await _space.Store.CommitAsync([.. Events(TenantA, "pump-1", 1, 300)], Ct);
        await Sut.RotateTenantKeyAsync(TenantA, Ct);
        var below = (await Sut.GetUsageAsync(TenantA, Ct))!.CountBelow(2);
        Sut.RewrapBatchSize = 10;
        using var interrupt = new CancellationTokenSource();
        var first = new RecordingProgress(report =>
        {
            if (report.Phase == RewrapPhase.Events)
            {
                interrupt.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sut.RewrapAsync(TenantA, first, interrupt.Token));
        var second = new RecordingProgress();
        var result = await Sut.RewrapAsync(TenantA, second, Ct);

        var stoppedAt = first.Reports[^1].Scanned;
        Assert.InRange(stoppedAt, 1, result.Total - 1);
        Assert.Equal(stoppedAt, second.Reports[0].Scanned);
        Assert.True(result.IsComplete);
        Assert.Equal(below, result.Rewritten);
        Assert.Equal([2], (await Sut.GetUsageAsync(TenantA, Ct))!.Records.Keys);
        Assert.Equal(300, (await _space.Store.ReadAllEventsAsync(TenantA, "pump-1")).Count);
    }

    [Fact]
    public async Task RewrapAsync_OneTenant_LeavesOtherTenantsAlone()
    {
        await _space.Store.CommitAsync([.. Events(TenantA, "pump-1", 1, 3), .. Events(TenantB, "pump-1", 1, 3)], Ct);
        await Sut.RotateTenantKeyAsync(TenantA, Ct);
        await Sut.RotateTenantKeyAsync(TenantB, Ct);

        await Sut.RewrapAsync(TenantA, progress: null, Ct);

        Assert.Equal([2], (await Sut.GetUsageAsync(TenantA, Ct))!.Records.Keys);
        Assert.Equal([1], (await Sut.GetUsageAsync(TenantB, Ct))!.Records.Keys);
    }

    [Fact]
    public async Task RewrapAsync_AfterForcedMinimum_CountsRetiredValuesAsUnreadableAndLeavesThem()
    {
        await _space.Store.CommitAsync([.. Events(TenantA, "pump-1", 1, 2)], Ct);
        await Sut.RotateTenantKeyAsync(TenantA, Ct);
        await Sut.SetMinimumDecryptionVersionAsync(TenantA, 2, force: true, Ct);

        var result = await Sut.RewrapAsync(TenantA, progress: null, Ct);

        Assert.Equal((0L, 5L), (result.Rewritten, result.Unreadable));
        Assert.Equal(5, (await Sut.GetUsageAsync(TenantA, Ct))!.Records[1]);
    }

    private static IEnumerable<Writes.TwinWrite> Events(string tenantId, string twinId, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(v => (Writes.TwinWrite)Event(tenantId, twinId, v));
}
