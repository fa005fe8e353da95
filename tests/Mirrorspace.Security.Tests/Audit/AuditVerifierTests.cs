using System.Security.Cryptography;
using Mirrorspace.Security.Audit;
using static Mirrorspace.Security.Tests.Audit.AuditEntries;

namespace Mirrorspace.Security.Tests.Audit;

/// <summary>The verifier on logs tampered in memory; the SQL tamper tests attack a real audit.db.</summary>
public sealed class AuditVerifierTests : IDisposable
{
    private const int Size = 40;
    private readonly ECDsa _key = AuditKeys.Create();
    private readonly List<ChainedAuditEntry> _rows = Chain(Size);
    private readonly List<Checkpoint> _checkpoints;
    private readonly Checkpoint _head;

    public AuditVerifierTests()
    {
        _checkpoints = Checkpoints(_rows, every: 10, _key);
        _head = Head(_rows, Size, _key);
    }

    [Fact]
    public void Verify_UntouchedLog_IsValid()
    {
        var result = Verify(_rows, _checkpoints, _head, _key);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(Size, result.Entries);
        Assert.Equal(Size, result.SignedEntries);
        Assert.Equal(5, result.CheckpointsVerified);
    }

    [Fact]
    public void Verify_EmptyLog_IsValid()
    {
        Assert.True(Verify([], [], null, _key).IsValid);
    }

    [Fact]
    public void Verify_UnsignedTail_IsValidAndCounted()
    {
        var result = Verify(_rows, _checkpoints[..3], Head(_rows, 35, _key), _key);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(35, result.SignedEntries);
    }

    [Fact]
    public void Verify_ChangedEntry_NamesIt()
    {
        _rows[16] = _rows[16] with { Entry = _rows[16].Entry with { Reason = "nothing to see" } };

        AssertProblem(AuditProblem.Changed, 17, Verify(_rows, _checkpoints, _head, _key));
    }

    [Fact]
    public void Verify_InsertedEntry_NamesIt()
    {
        var forged = new ChainedAuditEntry(Entry(10) with { Principal = "intruder" }, SHA256.HashData("forged"u8));
        var tampered = _rows.Take(9).Append(forged).Concat(_rows.Skip(9).Select(Shift(+1))).ToList();

        AssertProblem(AuditProblem.Inserted, 10, Verify(tampered, _checkpoints, _head, _key));
    }

    [Fact]
    public void Verify_InsertedEntryWithAValidLink_CheckpointCatchesIt()
    {
        var forged = AuditChain.Link(_rows[8].Hash, Entry(10) with { Principal = "intruder" });
        var tampered = _rows.Take(9).Append(forged).Concat(_rows.Skip(9).Select(Shift(+1))).ToList();

        AssertProblem(AuditProblem.CheckpointMismatch, 1, Verify(tampered, _checkpoints, _head, _key));
    }

    [Fact]
    public void Verify_DeletedEntryLeavingAGap_NamesIt()
    {
        _rows.RemoveAt(24);

        AssertProblem(AuditProblem.Deleted, 25, Verify(_rows, _checkpoints, _head, _key));
    }

    [Fact]
    public void Verify_DeletedEntryAndRenumbered_NamesIt()
    {
        var tampered = _rows.Take(24).Concat(_rows.Skip(25).Select(Shift(-1))).ToList();

        AssertProblem(AuditProblem.Deleted, 25, Verify(tampered, _checkpoints, _head, _key));
    }

    [Theory]
    [InlineData(5, 6)]
    [InlineData(5, 30)]
    public void Verify_SwappedEntries_NamesTheFirst(int first, int second)
    {
        var tampered = Swap(_rows, first, second);

        AssertProblem(AuditProblem.Reordered, first, Verify(tampered, _checkpoints, _head, _key));
    }

    [Fact]
    public void Verify_TruncatedBeforeLastCheckpoint_NamesTheFirstMissing()
    {
        AssertProblem(AuditProblem.Truncated, 26, Verify(_rows.Take(25), _checkpoints, _head, _key));
    }

    [Fact]
    public void Verify_TruncatedWithItsCheckpoints_HeadStillCatchesIt()
    {
        AssertProblem(AuditProblem.Truncated, 26, Verify(_rows.Take(25), _checkpoints[..2], _head, _key));
    }

    [Fact]
    public void Verify_TruncatedAfterLastCheckpoint_HeadCatchesIt()
    {
        var checkpoints = _checkpoints[..3];

        AssertProblem(AuditProblem.Truncated, 36, Verify(_rows.Take(35), checkpoints, _head, _key));
    }

    [Fact]
    public void Verify_EntriesRewrittenWithTheirHashes_CheckpointCatchesIt()
    {
        var entries = _rows.Select(r => r.Entry).ToList();
        entries[12] = entries[12] with { Reason = "rewritten" };

        var result = Verify(AuditChain.LinkAll(AuditChain.Genesis, entries), _checkpoints, _head, _key);

        AssertProblem(AuditProblem.CheckpointMismatch, 11, result);
        Assert.Equal(20, result.CheckpointSize);
    }

    [Fact]
    public void Verify_ForgedCheckpoint_IsRefused()
    {
        _checkpoints[2] = _checkpoints[2] with { Signature = _checkpoints[1].Signature };

        var result = Verify(_rows, _checkpoints, _head, _key);

        Assert.Equal(AuditProblem.BadCheckpointSignature, result.Problem);
        Assert.Equal(30, result.CheckpointSize);
    }

    [Fact]
    public void Verify_HeadOfAnotherKey_IsRefused()
    {
        using var other = AuditKeys.Create();

        Assert.Equal(AuditProblem.BadCheckpointSignature, Verify(_rows, _checkpoints, Head(_rows, Size, other), _key).Problem);
    }

    [Fact]
    public void Verify_HeadOlderThanCheckpoints_IsRefused()
    {
        Assert.Equal(AuditProblem.CheckpointMismatch, Verify(_rows, _checkpoints, Head(_rows, 25, _key), _key).Problem);
    }

    [Fact]
    public void Verify_HeadMissing_IsRefused()
    {
        Assert.Equal(AuditProblem.MissingHead, Verify(_rows, _checkpoints, null, _key).Problem);
    }

    [Fact]
    public void Verify_ForgedEntryAppended_NamesIt()
    {
        _rows.Add(new ChainedAuditEntry(Entry(Size + 1), new byte[32]));

        AssertProblem(AuditProblem.Changed, Size + 1, Verify(_rows, _checkpoints, _head, _key));
    }

    internal static List<ChainedAuditEntry> Swap(List<ChainedAuditEntry> rows, int first, int second)
    {
        var tampered = rows.ToList();
        tampered[first - 1] = rows[second - 1] with { Entry = rows[second - 1].Entry with { Sequence = first } };
        tampered[second - 1] = rows[first - 1] with { Entry = rows[first - 1].Entry with { Sequence = second } };
        return tampered;
    }

    private static Func<ChainedAuditEntry, ChainedAuditEntry> Shift(int by) =>
        row => row with { Entry = row.Entry with { Sequence = row.Sequence + by } };

    private static void AssertProblem(AuditProblem problem, long sequence, AuditVerificationResult result)
    {
        Assert.True(problem == result.Problem, $"Expected {problem} but got {result.Problem}: {result.Detail}");
        Assert.Equal(sequence, result.Sequence);
    }

    public void Dispose() => _key.Dispose();
}
