using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using static Mirrorspace.Runtime.Tests.Audit.AuditLogHarness;

namespace Mirrorspace.Runtime.Tests.Audit;

public sealed class AuditLogTests : IAsyncDisposable
{
    private readonly AuditLogHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task RecordAsync_ConcurrentRecords_GetConsecutiveNumbersCoveredByTheSignedHead()
    {
        var sut = await _harness.StartAsync();

        var sequences = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => sut.RecordAsync(Record(i), Ct)));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), sequences.Order());
        Assert.Equal(50, sut.SignedHead?.TreeSize);
        var result = await _harness.VerifyAsync();
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(50, result.SignedEntries);
    }

    [Fact]
    public async Task RecordAsync_Entry_IsStampedByTheClock()
    {
        var sut = await _harness.StartAsync();
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        await sut.RecordAsync(Record(1), Ct);

        await using var store = Storage.Sqlite.Audit.SqliteAuditStore.OpenReadOnly(_harness.Files.DatabasePath);
        var entry = await store.GetAsync(1, Ct);
        Assert.Equal(_harness.Clock.GetUtcNow(), entry?.Entry.Timestamp);
    }

    [Fact]
    public async Task StartAsync_FirstUse_CreatesOwnerOnlyKeyPairFiles()
    {
        var sut = await _harness.StartAsync();

        var privatePem = await File.ReadAllTextAsync(_harness.Files.KeyPath, Ct);
        var publicPem = await File.ReadAllTextAsync(_harness.Files.PublicKeyPath, Ct);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", privatePem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", publicPem, StringComparison.Ordinal);
        Assert.Equal(sut.PublicKeyPem.Trim(), publicPem.Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_harness.Files.KeyPath));
        }
    }

    [Fact]
    public async Task RecordAsync_CheckpointEveryReached_StoresCheckpoints()
    {
        var sut = await _harness.StartAsync(new AuditOptions { CheckpointEvery = 3 });

        for (var i = 1; i <= 7; i++)
        {
            await sut.RecordAsync(Record(i), Ct);
        }

        Assert.Equal([3, 6], (await _harness.CheckpointsAsync()).Select(c => c.TreeSize));
    }

    [Fact]
    public async Task Timer_IntervalElapsed_StoresACheckpoint()
    {
        var sut = await _harness.StartAsync(new AuditOptions { CheckpointEvery = 1_000, CheckpointInterval = TimeSpan.FromSeconds(10) });
        await sut.RecordAsync(Record(1), Ct);
        await sut.RecordAsync(Record(2), Ct);
        _harness.Clock.Advance(TimeSpan.FromSeconds(9));
        await sut.RecordAsync(Record(3), Ct);
        Assert.Empty(await _harness.CheckpointsAsync());

        _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await sut.RecordAsync(Record(4), Ct);

        // The tick was queued before the fourth record, so the loop stored the checkpoint before writing it.
        Assert.Equal(3, Assert.Single(await _harness.CheckpointsAsync()).TreeSize);
    }

    [Fact]
    public async Task StopAsync_EntriesSinceLastCheckpoint_StoresAFinalCheckpoint()
    {
        var sut = await _harness.StartAsync();
        await sut.RecordAsync(Record(1), Ct);
        await sut.RecordAsync(Record(2), Ct);

        await _harness.StopAsync(sut);

        Assert.Equal(2, Assert.Single(await _harness.CheckpointsAsync()).TreeSize);
    }

    [Fact]
    public async Task RecordAsync_AfterStop_Throws()
    {
        var sut = await _harness.StartAsync();
        await sut.StopAsync(Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.RecordAsync(Record(1), Ct));
    }

    [Fact]
    public async Task RecordAsync_WithoutPrincipal_Throws()
    {
        var sut = await _harness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => sut.RecordAsync(Record(1) with { Principal = " " }, Ct));
    }

    [Fact]
    public async Task RecordAsync_OversizedText_IsBounded()
    {
        var sut = await _harness.StartAsync();

        await sut.RecordAsync(Record(1) with { Reason = new string('x', 100_000) }, Ct);

        await using var store = Storage.Sqlite.Audit.SqliteAuditStore.OpenReadOnly(_harness.Files.DatabasePath);
        Assert.Equal(1_024, (await store.GetAsync(1, Ct))?.Entry.Reason?.Length);
    }
}
