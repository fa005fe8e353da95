using System.Security.Cryptography;

namespace Mirrorspace.Security.Audit;

/// <summary>
/// Checks a log from its entries (pushed in stored order, as they stream from the store), its
/// signed checkpoints and the signed head: every entry must link to the one before it under its
/// own sequence number, every checkpoint must be signed by the node's key and match the Merkle
/// root and chain head recomputed at its size, and the log must be at least as long as the head
/// says. Names the first problem; memory stays O(log n) plus a short look-ahead after a problem.
/// </summary>
public sealed class AuditVerifier
{
    public const int DefaultLookahead = 256;

    private readonly List<Checkpoint> _checkpoints;
    private readonly Checkpoint? _head;
    private readonly int _lookahead;
    private readonly MerkleAccumulator _tree = new();
    private byte[] _chainHead = AuditChain.Genesis.ToArray();
    private byte[] _previousStored = AuditChain.Genesis.ToArray();
    private int _nextCheckpoint;
    private long _lastMatched;
    private List<ChainedAuditEntry>? _suspects;
    private AuditVerificationResult? _verdict;

    public AuditVerifier(IEnumerable<Checkpoint> checkpoints, Checkpoint? head, ECDsa publicKey, int lookahead = DefaultLookahead)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookahead, 1);
        _head = head;
        _lookahead = lookahead;
        var stored = checkpoints.OrderBy(c => c.TreeSize).ToList();
        _checkpoints = head is null ? stored : [.. stored.Append(head).OrderBy(c => c.TreeSize)];
        CheckSignatures(stored, publicKey);
        MatchCheckpoints();
    }

    /// <summary>Adds the next stored entry; false once the verdict is known and no more entries are needed.</summary>
    public bool Add(ChainedAuditEntry row) => Add(PreparedAuditEntry.Prepare(row, _previousStored));

    /// <summary>Adds the next stored entry, prepared against the stored hash of the entry added before it.</summary>
    public bool Add(PreparedAuditEntry prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var row = prepared.Row;
        if (_verdict is not null)
        {
            return false;
        }

        _previousStored = row.Hash;
        if (_suspects is not null)
        {
            _suspects.Add(row);
            if (_suspects.Count > _lookahead)
            {
                Classify();
            }

            return _verdict is null;
        }

        // The link was computed from the previous row's stored hash; it only counts if that is the verified chain head.
        var links = row.Sequence == _tree.Size + 1
            && prepared.Link is not null
            && prepared.PreviousHash.AsSpan().SequenceEqual(_chainHead)
            && prepared.Link.AsSpan().SequenceEqual(row.Hash);
        if (!links)
        {
            _suspects = [row];
            return true;
        }

        _chainHead = row.Hash;
        _tree.Append(prepared.LeafHash!);
        MatchCheckpoints();
        return _verdict is null;
    }

    /// <summary>Call after the last entry.</summary>
    public AuditVerificationResult Complete()
    {
        if (_verdict is null && _suspects is not null)
        {
            Classify();
        }

        if (_verdict is not null)
        {
            return _verdict;
        }

        var count = _tree.Size;
        if (_nextCheckpoint < _checkpoints.Count)
        {
            var claimed = _checkpoints[^1];
            var what = ReferenceEquals(claimed, _head) ? "the signed head" : "a signed checkpoint";
            return Fail(AuditProblem.Truncated, count + 1, claimed.TreeSize, $"The log ends after entry {count} but {what} of {claimed.Timestamp:u} vouches for {claimed.TreeSize} entries.");
        }

        if (_head is null && count > 0)
        {
            return Fail(AuditProblem.MissingHead, null, null, $"The log holds {count} entries but its signed head is missing, so truncation cannot be ruled out.");
        }

        var signed = _head?.TreeSize ?? 0;
        return new AuditVerificationResult
        {
            Problem = AuditProblem.None,
            Detail = count == signed
                ? "All entries are covered by the signed head."
                : $"The signed head covers {signed}; the last {count - signed} are protected by the chain only.",
            Entries = count,
            CheckpointsVerified = _nextCheckpoint,
            SignedEntries = signed,
        };
    }

    private void CheckSignatures(List<Checkpoint> stored, ECDsa publicKey)
    {
        foreach (var checkpoint in stored.Where(c => !c.Verify(publicKey)))
        {
            Fail(AuditProblem.BadCheckpointSignature, null, checkpoint.TreeSize, $"The checkpoint at tree size {checkpoint.TreeSize} is not signed by this key.");
            return;
        }

        if (_head is not null && !_head.Verify(publicKey))
        {
            Fail(AuditProblem.BadCheckpointSignature, null, _head.TreeSize, "The signed head is not signed by this key.");
        }
        else if (_head is not null && stored.Count > 0 && stored[^1].TreeSize > _head.TreeSize)
        {
            Fail(AuditProblem.CheckpointMismatch, null, _head.TreeSize,
                $"The signed head (size {_head.TreeSize}) is older than the checkpoint at {stored[^1].TreeSize}: the head file was replaced by an older one.");
        }
    }

    /// <summary>Checks every checkpoint taken at the current size.</summary>
    private void MatchCheckpoints()
    {
        while (_verdict is null && _nextCheckpoint < _checkpoints.Count && _checkpoints[_nextCheckpoint].TreeSize == _tree.Size)
        {
            var checkpoint = _checkpoints[_nextCheckpoint];
            if (!checkpoint.RootHash.AsSpan().SequenceEqual(_tree.Root()) || !checkpoint.ChainHead.AsSpan().SequenceEqual(_chainHead))
            {
                Fail(AuditProblem.CheckpointMismatch, _lastMatched + 1, checkpoint.TreeSize,
                    $"Entries {_lastMatched + 1} to {checkpoint.TreeSize} do not match the checkpoint signed at {checkpoint.TreeSize}: they were rewritten together with their hashes.");
                return;
            }

            _lastMatched = checkpoint.TreeSize;
            _nextCheckpoint++;
        }
    }

    private void Classify()
    {
        var expected = _tree.Size + 1;
        var (problem, detail) = AuditTamperClassifier.Classify(expected, _chainHead, _suspects!);
        Fail(problem, expected, null, detail);
    }

    private AuditVerificationResult Fail(AuditProblem problem, long? sequence, long? checkpointSize, string detail) =>
        _verdict ??= new AuditVerificationResult
        {
            Problem = problem,
            Sequence = sequence,
            CheckpointSize = checkpointSize,
            Detail = detail,
            Entries = _tree.Size,
            CheckpointsVerified = _nextCheckpoint,
            SignedEntries = _head?.TreeSize ?? 0,
        };
}
