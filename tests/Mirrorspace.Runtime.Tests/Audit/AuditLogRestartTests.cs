using Microsoft.Data.Sqlite;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Audit;
using Mirrorspace.Storage.Sqlite.Audit;
using static Mirrorspace.Runtime.Tests.Audit.AuditLogHarness;

namespace Mirrorspace.Runtime.Tests.Audit;

/// <summary>What a node finds when it starts on an existing audit log, untouched or not.</summary>
public sealed class AuditLogRestartTests : IAsyncDisposable
{
    private readonly AuditLogHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task StartAsync_ExistingLog_ContinuesNumberingAndChain()
    {
        await RecordAndStopAsync(3);

        var sut = await _harness.StartAsync();
        var fourth = await sut.RecordAsync(Record(4), Ct);

        Assert.Equal(4, fourth);
        var result = await _harness.VerifyAsync();
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(4, result.Entries);
    }

    [Fact]
    public async Task StartAsync_HeadFileMissing_RebuildsItFromTheLog()
    {
        await RecordAndStopAsync(3);
        File.Delete(_harness.Files.HeadPath);

        var sut = await _harness.StartAsync();

        Assert.Equal(3, sut.SignedHead?.TreeSize);
        Assert.True((await _harness.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task StartAsync_LogTruncatedBelowSignedHead_RefusesToStart()
    {
        await RecordAndStopAsync(5, new AuditOptions { CheckpointEvery = 1_000 });
        await TamperAsync("DROP TRIGGER audit_entries_no_delete; DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_entries WHERE sequence > 2; DELETE FROM audit_checkpoints;");

        var sut = _harness.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.StartAsync(Ct));
        Assert.Contains("cannot be trusted", error.Message, StringComparison.Ordinal);
        Assert.Contains("vouches for 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TailEntryChanged_RefusesToStart()
    {
        var first = await _harness.StartAsync();
        await first.RecordAsync(Record(1), Ct);
        await _harness.StopAsync(first);
        await AppendUnsignedAsync(AuditChain.Link(new byte[32], AuditRecordsForTest.Entry(2)));

        var sut = _harness.Create();

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.StartAsync(Ct));
    }

    [Fact]
    public async Task StartAsync_PublicKeyFileReplaced_RefusesToStart()
    {
        await RecordAndStopAsync(1);
        using var other = AuditKeys.Create();
        await File.WriteAllTextAsync(_harness.Files.PublicKeyPath, other.ExportSubjectPublicKeyInfoPem(), Ct);

        var sut = _harness.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.StartAsync(Ct));
        Assert.Contains("public half", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SigningKeyReplaced_RefusesToStart()
    {
        await RecordAndStopAsync(1);
        using var other = AuditKeys.Create();
        File.Delete(_harness.Files.PublicKeyPath);
        await File.WriteAllTextAsync(_harness.Files.KeyPath, other.ExportPkcs8PrivateKeyPem(), Ct);

        var sut = _harness.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.StartAsync(Ct));
        Assert.Contains("not signed by this node's key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProveAsync_EveryEntry_VerifiesAgainstTheSignedHeadWithThePublicKeyOnly()
    {
        var log = await _harness.StartAsync();
        for (var i = 1; i <= 13; i++)
        {
            await log.RecordAsync(Record(i), Ct);
        }

        var head = log.SignedHead!;
        using var publicKey = AuditSigningKey.LoadPublicKey(_harness.Files.PublicKeyPath);
        await using var store = SqliteAuditStore.OpenReadOnly(_harness.Files.DatabasePath);
        for (var sequence = 1; sequence <= 13; sequence++)
        {
            var proof = await store.ProveAsync(sequence, head, Ct);

            Assert.NotNull(proof);
            Assert.True(proof.Checkpoint.Verify(publicKey));
            Assert.True(MerkleTree.VerifyInclusion(sequence - 1, head.TreeSize, MerkleTree.LeafHash(proof.Leaf), proof.Path, head.RootHash));
            Assert.Equal(proof.Entry.Entry.ToCanonicalBytes(), proof.Leaf);
        }

        Assert.Null(await store.ProveAsync(14, head, Ct));
    }

    private async Task RecordAndStopAsync(int count, AuditOptions? options = null)
    {
        var log = await _harness.StartAsync(options);
        for (var i = 1; i <= count; i++)
        {
            await log.RecordAsync(Record(i), Ct);
        }

        await _harness.StopAsync(log);
    }

    private async Task AppendUnsignedAsync(ChainedAuditEntry row)
    {
        await using var store = new SqliteAuditStore(new Storage.Sqlite.SqliteStoreOptions { DatabasePath = _harness.Files.DatabasePath });
        await store.AppendAsync([row], Ct);
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _harness.Files.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static class AuditRecordsForTest
    {
        public static AuditEntry Entry(long sequence) => new()
        {
            Sequence = sequence,
            Timestamp = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
            Principal = "intruder",
            Action = "twin.read",
            Outcome = AuditOutcome.Success,
        };
    }
}
