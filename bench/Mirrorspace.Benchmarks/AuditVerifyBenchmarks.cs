using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Audit;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Audit;

namespace Mirrorspace.Benchmarks;

/// <summary>
/// <c>mirrorspace audit verify</c>'s work on a 1,000,000-entry audit.db (checkpoints every 1,000,
/// as the node writes them by default): stream every row read-only, recompute the chain and the
/// Merkle root at each checkpoint, check every signature. Beside it, the bare read of the same rows
/// (what SQLite costs), the same verification on one thread, and the inclusion proof of one entry
/// (which rehashes the log up to the head).
/// One invocation is the whole log, so Mean is the wall time of one verification.
/// </summary>
[Config(typeof(ThroughputConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class AuditVerifyBenchmarks : IDisposable
{
    public const int Entries = 1_000_000;
    private const int CheckpointEvery = 1_000;
    private static readonly DateTimeOffset Epoch = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private TempDirectory? _directory;
    private ECDsa? _key;
    private Checkpoint? _head;
    private string _path = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = new TempDirectory("audit");
        _path = _directory.File("audit.db");
        _key = AuditKeys.Create();
        await using var store = new SqliteAuditStore(new SqliteStoreOptions { DatabasePath = _path });
        await store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        var tree = new MerkleAccumulator();
        var previous = AuditChain.Genesis.ToArray();
        var batch = new List<ChainedAuditEntry>(CheckpointEvery);
        for (var sequence = 1L; sequence <= Entries; sequence++)
        {
            var entry = Entry(sequence);
            var canonical = entry.ToCanonicalBytes();
            previous = AuditChain.Next(previous, canonical);
            batch.Add(new ChainedAuditEntry(entry, previous));
            tree.Append(MerkleTree.LeafHash(canonical));
            if (sequence % CheckpointEvery == 0)
            {
                await store.AppendAsync(batch, CancellationToken.None).ConfigureAwait(false);
                await store.AddCheckpointAsync(Checkpoint.Sign(sequence, tree.Root(), previous, Epoch.AddSeconds(sequence), _key), CancellationToken.None).ConfigureAwait(false);
                batch.Clear();
            }
        }

        _head = Checkpoint.Sign(Entries, tree.Root(), previous, Epoch.AddDays(30), _key);
        Console.WriteLine($"// audit.db: {Entries:N0} entries, {new FileInfo(_path).Length / (1024 * 1024)} MiB");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _key?.Dispose();
        _directory?.Dispose();
        (_key, _directory) = (null, null);
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> ReadOnly_1M()
    {
        await using var store = SqliteAuditStore.OpenReadOnly(_path);
        long count = 0;
        await foreach (var row in store.ReadAsync(1, long.MaxValue, CancellationToken.None).ConfigureAwait(false))
        {
            count += row.Hash.Length > 0 ? 1 : 0;
        }

        return count == Entries ? count : throw new InvalidOperationException($"Read {count} rows.");
    }

    [Benchmark]
    public async Task<AuditVerificationResult> Verify_1M()
    {
        await using var store = SqliteAuditStore.OpenReadOnly(_path);
        var result = await store.VerifyAsync(_head, _key!, CancellationToken.None).ConfigureAwait(false);
        return result.IsValid && result.Entries == Entries ? result : throw new InvalidOperationException(result.Detail);
    }

    /// <summary>The same verification on one thread, row by row: what overlapping reading and hashing saves.</summary>
    [Benchmark]
    public async Task<AuditVerificationResult> VerifyOneThread_1M()
    {
        await using var store = SqliteAuditStore.OpenReadOnly(_path);
        var verifier = new AuditVerifier(await store.ReadCheckpointsAsync(CancellationToken.None).ConfigureAwait(false), _head, _key!);
        await foreach (var row in store.ReadAsync(1, long.MaxValue, CancellationToken.None).ConfigureAwait(false))
        {
            verifier.Add(row);
        }

        var result = verifier.Complete();
        return result.IsValid && result.Entries == Entries ? result : throw new InvalidOperationException(result.Detail);
    }

    [Benchmark]
    public async Task<AuditInclusionProof> Prove_1M()
    {
        await using var store = SqliteAuditStore.OpenReadOnly(_path);
        var proof = await store.ProveAsync(Entries / 2, _head!, CancellationToken.None).ConfigureAwait(false);
        return proof is not null && proof.Verifies() ? proof : throw new InvalidOperationException("The proof does not verify.");
    }

    private static AuditEntry Entry(long sequence) => new()
    {
        Sequence = sequence,
        Timestamp = Epoch.AddMilliseconds(sequence * 7),
        TenantId = $"tenant-{sequence % 20}",
        Principal = $"{sequence % 4096:x16}",
        Action = sequence % 10 == 0 ? "auth.reject" : "twin.update",
        Resource = $"twins/pump-{sequence % 1000}",
        Outcome = sequence % 10 == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
        Reason = sequence % 10 == 0 ? "wrong secret" : null,
        RemoteAddress = "10.0.0.17",
        Properties = sequence % 50 == 0 ? ["heartRate", "spo2"] : null,
        Purpose = sequence % 50 == 0 ? "care" : null,
    };
}
