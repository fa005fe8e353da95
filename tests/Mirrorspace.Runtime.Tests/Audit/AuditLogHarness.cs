using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Audit;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Audit;

namespace Mirrorspace.Runtime.Tests.Audit;

/// <summary>A data directory with a real audit.db, and audit logs opened on it one after another, as node restarts would.</summary>
internal sealed class AuditLogHarness : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _open = [];

    public AuditLogHarness() => Files = new AuditFiles(Directory.CreateTempSubdirectory("mirrorspace-audit-log-").FullName);

    public AuditFiles Files { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static AuditRecord Record(int i, string tenant = "tenant-a") => new()
    {
        TenantId = tenant,
        Principal = $"key-{i}",
        Action = "twin.read",
        Resource = $"twins/pump-{i}",
        Outcome = AuditOutcome.Success,
        RemoteAddress = "192.0.2.1",
    };

    /// <summary>A log on the data directory, not yet started.</summary>
    public AuditLog Create(AuditOptions? options = null)
    {
        var store = new SqliteAuditStore(new SqliteStoreOptions { DatabasePath = Files.DatabasePath });
        var log = new AuditLog(store, Files, Options.Create(options ?? new AuditOptions()), Clock, NullLogger<AuditLog>.Instance);
        _open.Add(store);
        _open.Add(log);
        return log;
    }

    public async Task<AuditLog> StartAsync(AuditOptions? options = null)
    {
        var log = Create(options);
        await log.StartAsync(Ct);
        return log;
    }

    /// <summary>Stops the log and closes its store, as a node shutdown does.</summary>
    public async Task StopAsync(AuditLog log)
    {
        await log.StopAsync(Ct);
        var index = _open.IndexOf(log);
        await _open[index].DisposeAsync();
        await _open[index - 1].DisposeAsync();
    }

    /// <summary>What <c>mirrorspace audit verify</c> sees: the file, the head file and the published public key.</summary>
    public async Task<AuditVerificationResult> VerifyAsync()
    {
        using var key = AuditSigningKey.LoadPublicKey(Files.PublicKeyPath);
        await using var store = SqliteAuditStore.OpenReadOnly(Files.DatabasePath);
        return await store.VerifyAsync(AuditHeadFile.Read(Files.HeadPath)?.Checkpoint, key, Ct);
    }

    public async Task<IReadOnlyList<Checkpoint>> CheckpointsAsync()
    {
        await using var store = SqliteAuditStore.OpenReadOnly(Files.DatabasePath);
        return await store.ReadCheckpointsAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            await _open[i].DisposeAsync();
        }

        Directory.Delete(Files.DataDirectory, recursive: true);
    }
}
