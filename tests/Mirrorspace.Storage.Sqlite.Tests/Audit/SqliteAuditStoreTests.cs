using Microsoft.Data.Sqlite;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Sqlite.Audit;

namespace Mirrorspace.Storage.Sqlite.Tests.Audit;

public sealed class SqliteAuditStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    private SqliteAuditStore CreateStore() => new(new SqliteStoreOptions { DatabasePath = _database.FilePath });

    [Fact]
    public async Task InitializeAsync_NewFile_IsOwnerOnlyWalWithSchemaVersion()
    {
        await using var sut = CreateStore();

        await sut.InitializeAsync(Ct);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_database.FilePath));
        }

        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(1L, await ScalarAsync("PRAGMA user_version;"));
    }

    [Fact]
    public async Task ReadAsync_AppendedEntries_RoundTripExactly()
    {
        await using var sut = CreateStore();
        await sut.InitializeAsync(Ct);
        var rows = AuditChain.LinkAll(AuditChain.Genesis, Enumerable.Range(1, 12).Select(i => AuditLogFile.Entry(i)));
        var withEmpties = AuditChain.Link(rows[^1].Hash, AuditLogFile.Entry(13) with { Reason = string.Empty, Properties = [] });

        await sut.AppendAsync([.. rows, withEmpties], Ct);
        var read = await sut.ReadAsync(1, long.MaxValue, Ct).ToListAsync(Ct);

        Assert.Equal(13, read.Count);
        Assert.Equal(rows.Append(withEmpties).Select(r => r.Entry.ToCanonicalBytes()), read.Select(r => r.Entry.ToCanonicalBytes()));
        Assert.Equal(rows.Append(withEmpties).Select(r => r.Hash), read.Select(r => r.Hash));
        Assert.Equal(13, await sut.CountAsync(Ct));
        Assert.Equal(string.Empty, read[^1].Entry.Reason);
        Assert.Equal(["heartRate", "spo2"], read[3].Entry.Properties);
    }

    [Fact]
    public async Task ListTenantAsync_MixedTenants_ReturnsOnlyThatTenantFromTheGivenSequence()
    {
        await using var sut = CreateStore();
        await sut.InitializeAsync(Ct);
        await sut.AppendAsync(AuditChain.LinkAll(AuditChain.Genesis, Enumerable.Range(1, 20).Select(i => AuditLogFile.Entry(i))), Ct);

        var page = await sut.ListTenantAsync("tenant-1", 4, 3, Ct);

        Assert.Equal([5, 7, 11], page.Select(r => r.Sequence));
        Assert.All(page, r => Assert.Equal("tenant-1", r.Entry.TenantId));
    }

    [Fact]
    public async Task AppendAsync_ExistingSequence_FailsAndWritesNothing()
    {
        await using var sut = CreateStore();
        await sut.InitializeAsync(Ct);
        var rows = AuditChain.LinkAll(AuditChain.Genesis, Enumerable.Range(1, 3).Select(i => AuditLogFile.Entry(i)));
        await sut.AppendAsync(rows, Ct);
        var again = AuditChain.LinkAll(rows[^1].Hash, [AuditLogFile.Entry(4), AuditLogFile.Entry(3)]);

        await Assert.ThrowsAsync<SqliteException>(() => sut.AppendAsync(again, Ct));

        Assert.Equal(3, await sut.CountAsync(Ct));
    }

    [Fact]
    public async Task Tables_UpdateOrDelete_AreRefusedByTriggers()
    {
        await using (var sut = CreateStore())
        {
            await sut.InitializeAsync(Ct);
            await sut.AppendAsync(AuditChain.LinkAll(AuditChain.Genesis, [AuditLogFile.Entry(1)]), Ct);
        }

        var update = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync("UPDATE audit_entries SET reason = 'x';"));
        await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync("DELETE FROM audit_entries;"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_Added_ReadBackInOrder()
    {
        using var key = AuditKeys.Create();
        await using var sut = CreateStore();
        await sut.InitializeAsync(Ct);
        var root = MerkleTree.LeafHash([1]);
        var second = Checkpoint.Sign(20, root, root, AuditLogFile.Epoch, key);
        var first = Checkpoint.Sign(10, root, root, AuditLogFile.Epoch, key);

        await sut.AddCheckpointAsync(second, Ct);
        await sut.AddCheckpointAsync(first, Ct);
        var read = await sut.ReadCheckpointsAsync(Ct);

        Assert.Equal([10, 20], read.Select(c => c.TreeSize));
        Assert.All(read, c => Assert.True(c.Verify(key)));
    }

    [Fact]
    public async Task OpenReadOnly_Write_Throws()
    {
        await using (var writable = CreateStore())
        {
            await writable.InitializeAsync(Ct);
        }

        await using var sut = SqliteAuditStore.OpenReadOnly(_database.FilePath);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.AppendAsync(AuditChain.LinkAll(AuditChain.Genesis, [AuditLogFile.Entry(1)]), Ct));
        Assert.Equal(0, await sut.CountAsync(Ct));
    }

    [Fact]
    public void OpenReadOnly_MissingFile_ThrowsWithoutCreatingIt()
    {
        Assert.Throws<FileNotFoundException>(() => SqliteAuditStore.OpenReadOnly(_database.FilePath));
        Assert.False(File.Exists(_database.FilePath));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.FilePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
