using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Sqlite.Tests;

/// <summary>What only the SQLite store promises: the file, its settings and its throughput.</summary>
public sealed class SqliteTwinSpaceStoreTests : IDisposable
{
    private static readonly DateTimeOffset BaseTime = new(2024, 3, 15, 10, 30, 0, TimeSpan.Zero);

    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task InitializeAsync_NewFile_CreatesItOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
            return;
        }

        await using var store = _database.CreateStore();

        await store.InitializeAsync(Ct);

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(_database.FilePath));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(_database.FilePath + "-wal"));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_TurnsOnWalAndRecordsSchemaVersion()
    {
        await using var store = _database.CreateStore();

        await store.InitializeAsync(Ct);

        Assert.Equal("wal", await PragmaAsync("journal_mode"));
        Assert.Equal((long)SchemaMigrator.LatestVersion, await PragmaAsync("user_version"));
    }

    [Fact]
    public async Task InitializeAsync_FileFromNewerBuild_Throws()
    {
        await using (var store = _database.CreateStore())
        {
            await store.InitializeAsync(Ct);
        }

        await PragmaAsync("user_version = 99");
        await using var reopened = _database.CreateStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.InitializeAsync(Ct));
    }

    [Fact]
    public async Task Store_ClosedAndReopened_KeepsEverything()
    {
        var tenant = new TenantRecord { Id = "acme", Name = "Acme", CreatedAt = BaseTime };
        var twin = new TwinRecord
        {
            TenantId = "acme",
            TwinId = "pump-1",
            ModelId = "pump",
            ModelVersion = 1,
            Version = 2,
            Deleted = false,
            Snapshot = "{}",
            UpdatedAt = BaseTime,
        };
        await using (var store = _database.CreateStore())
        {
            await store.InitializeAsync(Ct);
            await store.CreateTenantAsync(tenant, Ct);
            await store.CommitAsync([new UpsertTwin(twin), .. Events("acme", "pump-1", 2)], Ct);
        }

        await using var reopened = _database.CreateStore();
        await reopened.InitializeAsync(Ct);

        Assert.Equal(tenant, await reopened.GetTenantAsync("acme", Ct));
        Assert.Equal(twin, await reopened.GetTwinAsync("acme", "pump-1", Ct));
        Assert.Equal(2, await CountEventsAsync(reopened, "acme", "pump-1"));
    }

    [Fact]
    public async Task CommitAsync_TenThousandEventsInOneBatch_CommitsAndReadsBack()
    {
        const int count = 10_000;
        await using var store = _database.CreateStore();
        await store.InitializeAsync(Ct);
        await store.CreateTenantAsync(new TenantRecord { Id = "acme", Name = "Acme", CreatedAt = BaseTime }, Ct);
        var writes = Events("acme", "pump-1", count);

        var stopwatch = Stopwatch.StartNew();
        await store.CommitAsync(writes, Ct);
        stopwatch.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{count} events in {stopwatch.Elapsed.TotalMilliseconds:F0} ms ({count / stopwatch.Elapsed.TotalSeconds:F0} rows/s)");
        var expectedVersion = 1L;
        await foreach (var twinEvent in store.ReadEventsAsync("acme", "pump-1", EventRange.All, Ct))
        {
            Assert.Equal(((AppendEvent)writes[(int)expectedVersion - 1]).Event, twinEvent);
            expectedVersion++;
        }

        Assert.Equal(count + 1, expectedVersion);
    }

    [Fact]
    public async Task CommitAsync_TokenAlreadyCancelled_ThrowsAndStoresNothing()
    {
        await using var store = _database.CreateStore();
        await store.InitializeAsync(Ct);
        await store.CreateTenantAsync(new TenantRecord { Id = "acme", Name = "Acme", CreatedAt = BaseTime }, Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(Events("acme", "pump-1", 3), cancelled.Token));

        Assert.Equal(0, await CountEventsAsync(store, "acme", "pump-1"));
    }

    private static TwinWrite[] Events(string tenantId, string twinId, int count) =>
    [
        .. Enumerable.Range(1, count).Select(v => (TwinWrite)new AppendEvent(
            tenantId,
            twinId,
            new TwinEvent
            {
                Version = v,
                Timestamp = BaseTime.AddTicks(v * 1_234L),
                Kind = TwinEventKind.ReportedPatched,
                Payload = $$"""{"temperature":{{v}},"pressure":1.013}""",
                Source = "device:sensor-7",
            })),
    ];

    private static async Task<int> CountEventsAsync(SqliteTwinSpaceStore store, string tenantId, string twinId)
    {
        var count = 0;
        await foreach (var unused in store.ReadEventsAsync(tenantId, twinId, EventRange.All, Ct))
        {
            count++;
        }

        return count;
    }

    private async Task<object?> PragmaAsync(string pragma)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = _database.FilePath, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return await command.ExecuteScalarAsync(Ct);
    }
}
