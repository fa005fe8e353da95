using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Sqlite.Audit;

namespace Mirrorspace.Storage.Sqlite.Tests.Audit;

/// <summary>
/// Attacks a real audit.db the way someone with write access to the file would, with SQL (and,
/// for the last case, with recomputed hashes), and checks that verification names the first entry
/// touched and what was done, at several log sizes.
/// </summary>
public sealed class SqliteAuditTamperTests(AuditLogFiles logs) : IClassFixture<AuditLogFiles>, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mirrorspace-audit-tamper-").FullName;

    public static TheoryData<int> Sizes => [.. AuditLogFiles.Sizes];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_Untouched_IsValid(int size)
    {
        var (log, _) = Copy(size);

        var result = await log.VerifyAsync(log.Path, Ct);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(size, result.Entries);
        Assert.Equal(size, result.SignedEntries);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_EntryChanged_NamesIt(int size)
    {
        var (log, path) = Copy(size);
        var k = (size / 2) + 1;
        AuditLogFile.Tamper(path, "UPDATE audit_entries SET reason = 'nothing happened' WHERE sequence = $k;", ("$k", k));

        AssertProblem(AuditProblem.Changed, k, await log.VerifyAsync(path, Ct));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_EntryInserted_NamesIt(int size)
    {
        var (log, path) = Copy(size);
        var k = (size / 2) + 1;
        AuditLogFile.Tamper(
            path,
            """
            UPDATE audit_entries SET sequence = -sequence WHERE sequence >= $k;
            UPDATE audit_entries SET sequence = 1 - sequence WHERE sequence < 0;
            INSERT INTO audit_entries (sequence, timestamp, tenant_id, principal, action, resource, outcome, reason, remote_address, properties, purpose, hash)
            VALUES ($k, 0, 'tenant-1', 'intruder', 'twin.read', 'twins/pump-1', 'success', NULL, NULL, NULL, NULL, randomblob(32));
            """,
            ("$k", k));

        AssertProblem(AuditProblem.Inserted, k, await log.VerifyAsync(path, Ct));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_EntryDeleted_NamesIt(int size)
    {
        var (log, path) = Copy(size);
        var k = (size / 2) + 1;
        AuditLogFile.Tamper(path, "DELETE FROM audit_entries WHERE sequence = $k;", ("$k", k));

        AssertProblem(AuditProblem.Deleted, k, await log.VerifyAsync(path, Ct));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_EntryDeletedAndLaterOnesRenumbered_NamesIt(int size)
    {
        var (log, path) = Copy(size);
        var k = (size / 2) + 1;
        AuditLogFile.Tamper(
            path,
            """
            DELETE FROM audit_entries WHERE sequence = $k;
            UPDATE audit_entries SET sequence = -sequence WHERE sequence > $k;
            UPDATE audit_entries SET sequence = -sequence - 1 WHERE sequence < 0;
            """,
            ("$k", k));

        AssertProblem(AuditProblem.Deleted, k, await log.VerifyAsync(path, Ct));
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(1_000, 1)]
    [InlineData(1_000, 100)]
    [InlineData(10_000, 1)]
    [InlineData(10_000, 200)]
    public async Task Verify_EntriesSwapped_NamesTheFirst(int size, int distance)
    {
        var (log, path) = Copy(size);
        var k = (size / 2) - distance;
        AuditLogFile.Tamper(
            path,
            """
            UPDATE audit_entries SET sequence = -1 WHERE sequence = $k;
            UPDATE audit_entries SET sequence = $k WHERE sequence = $m;
            UPDATE audit_entries SET sequence = $m WHERE sequence = -1;
            """,
            ("$k", k),
            ("$m", k + distance));

        AssertProblem(AuditProblem.Reordered, k, await log.VerifyAsync(path, Ct));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_TailTruncatedBeforeLastCheckpoint_NamesFirstMissing(int size)
    {
        var (log, path) = Copy(size);
        var cut = log.LastCheckpoint / 2;
        AuditLogFile.Tamper(path, "DELETE FROM audit_entries WHERE sequence > $cut;", ("$cut", cut));

        AssertProblem(AuditProblem.Truncated, cut + 1, await log.VerifyAsync(path, Ct));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_TailTruncatedWithItsCheckpoints_HeadNamesFirstMissing(int size)
    {
        var (log, path) = Copy(size);
        var cut = log.LastCheckpoint / 2;
        AuditLogFile.Tamper(
            path,
            "DELETE FROM audit_entries WHERE sequence > $cut; DELETE FROM audit_checkpoints WHERE tree_size > $cut;",
            ("$cut", cut));

        AssertProblem(AuditProblem.Truncated, cut + 1, await log.VerifyAsync(path, Ct));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_TailTruncatedAfterLastCheckpoint_HeadNamesFirstMissing(int size)
    {
        var (log, path) = Copy(size);
        var cut = log.LastCheckpoint + ((size - log.LastCheckpoint) / 2);
        Assert.True(cut >= log.LastCheckpoint && cut < size);
        AuditLogFile.Tamper(path, "DELETE FROM audit_entries WHERE sequence > $cut;", ("$cut", cut));

        AssertProblem(AuditProblem.Truncated, cut + 1, await log.VerifyAsync(path, Ct));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Verify_EntryChangedAndHashesRecomputed_NamesTheCheckpointWindow(int size)
    {
        var (log, path) = Copy(size);
        var k = (size / 2) + 1;
        await RewriteFromAsync(path, k);

        var result = await log.VerifyAsync(path, Ct);

        AssertProblem(AuditProblem.CheckpointMismatch, ((k - 1) / log.CheckpointEvery * log.CheckpointEvery) + 1, result);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private (AuditLogFile Log, string Path) Copy(int size)
    {
        var target = Directory.CreateDirectory(Path.Combine(_scratch, Guid.NewGuid().ToString("N"))).FullName;
        return (logs[size], logs[size].CopyTo(target));
    }

    /// <summary>What a careful attacker does: change entry k and recompute every hash after it so the chain holds.</summary>
    private static async Task RewriteFromAsync(string path, long k)
    {
        List<ChainedAuditEntry> rows;
        await using (var store = SqliteAuditStore.OpenReadOnly(path))
        {
            rows = await store.ReadAsync(1, long.MaxValue, Ct).ToListAsync(Ct);
        }

        var entries = rows.Select(r => r.Sequence == k ? r.Entry with { Reason = "nothing happened" } : r.Entry);
        var relinked = AuditChain.LinkAll(AuditChain.Genesis, entries);
        var statements = string.Join('\n', relinked.Skip((int)k - 1).Select(r => $"UPDATE audit_entries SET hash = X'{Convert.ToHexString(r.Hash)}' WHERE sequence = {r.Sequence};"));
        AuditLogFile.Tamper(path, $"BEGIN; UPDATE audit_entries SET reason = 'nothing happened' WHERE sequence = {k};\n{statements}\nCOMMIT;");
    }

    private static void AssertProblem(AuditProblem problem, long sequence, AuditVerificationResult result)
    {
        Assert.True(problem == result.Problem, $"Expected {problem} but got {result.Problem}: {result.Detail}");
        Assert.Equal(sequence, result.Sequence);
    }
}
