using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Sqlite.Audit;

namespace Mirrorspace.Storage.Sqlite.Tests.Audit;

/// <summary>
/// A real audit.db of a given size, written through <see cref="SqliteAuditStore"/> with signed
/// checkpoints every <see cref="CheckpointEvery"/> entries (so the last one falls short of the end)
/// and a signed head over all of it, as the node leaves them.
/// </summary>
internal sealed class AuditLogFile : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mirrorspace-audit-{Guid.NewGuid():N}");

    private AuditLogFile(int size, ECDsa key)
    {
        Size = size;
        Key = key;
        CheckpointEvery = Math.Max(3, size * 3 / 10);
        Directory.CreateDirectory(_directory);
    }

    public int Size { get; }

    public ECDsa Key { get; }

    public int CheckpointEvery { get; }

    public int LastCheckpoint => Size / CheckpointEvery * CheckpointEvery;

    public string Path => System.IO.Path.Combine(_directory, "audit.db");

    public Checkpoint Head { get; private set; } = null!;

    public static DateTimeOffset Epoch { get; } = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<AuditLogFile> CreateAsync(int size, ECDsa key, CancellationToken cancellationToken)
    {
        var file = new AuditLogFile(size, key);
        await using var store = new SqliteAuditStore(new SqliteStoreOptions { DatabasePath = file.Path });
        await store.InitializeAsync(cancellationToken);
        var tree = new MerkleAccumulator();
        var previous = AuditChain.Genesis.ToArray();
        var batch = new List<ChainedAuditEntry>();
        for (var sequence = 1; sequence <= size; sequence++)
        {
            var row = AuditChain.Link(previous, Entry(sequence));
            batch.Add(row);
            previous = row.Hash;
            tree.Append(MerkleTree.LeafHash(row.Entry.ToCanonicalBytes()));
            if (sequence % file.CheckpointEvery == 0 || sequence == size || batch.Count == 1_000)
            {
                await store.AppendAsync(batch, cancellationToken);
                batch.Clear();
            }

            if (sequence % file.CheckpointEvery == 0)
            {
                await store.AddCheckpointAsync(Checkpoint.Sign(sequence, tree.Root(), previous, Epoch.AddSeconds(sequence), key), cancellationToken);
            }
        }

        file.Head = Checkpoint.Sign(size, tree.Root(), previous, Epoch.AddDays(1), key);
        return file;
    }

    public static AuditEntry Entry(long sequence) => new()
    {
        Sequence = sequence,
        Timestamp = Epoch.AddMilliseconds(sequence),
        TenantId = sequence % 3 == 0 ? null : $"tenant-{sequence % 2}",
        Principal = $"key-{sequence % 7}",
        Action = "twin.read",
        Resource = $"twins/pump-{sequence}",
        Outcome = sequence % 5 == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
        Reason = sequence % 5 == 0 ? "wrong secret" : null,
        RemoteAddress = "192.0.2.7",
        Properties = sequence % 4 == 0 ? ["heartRate", "spo2"] : null,
        Purpose = sequence % 4 == 0 ? "care" : null,
    };

    /// <summary>A copy of this database to tamper with (SQLite folded the WAL into the file when the store closed).</summary>
    public string CopyTo(string directory)
    {
        var copy = System.IO.Path.Combine(directory, "audit.db");
        File.Copy(Path, copy);
        return copy;
    }

    /// <summary>Runs SQL as an attacker with write access to the file would: the append-only triggers dropped first.</summary>
    public static void Tamper(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DROP TRIGGER IF EXISTS audit_entries_no_update;
            DROP TRIGGER IF EXISTS audit_entries_no_delete;
            DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;
            """ + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Verifies the file as <c>mirrorspace audit verify</c> does: read-only, with the head kept outside it.</summary>
    public async Task<AuditVerificationResult> VerifyAsync(string path, CancellationToken cancellationToken)
    {
        await using var store = SqliteAuditStore.OpenReadOnly(path);
        return await Storage.Audit.AuditStoreVerification.VerifyAsync(store, Head, Key, cancellationToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
