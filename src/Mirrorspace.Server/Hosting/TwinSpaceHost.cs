using Microsoft.Extensions.Options;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Encryption;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Keys;

namespace Mirrorspace.Server.Hosting;

/// <summary>
/// Opens the store, encrypted at rest, when the node starts and before the twin runtime does.
/// A missing or wrong master key stops the start here: there is no unencrypted fallback.
/// </summary>
public sealed class TwinSpaceHost(IOptions<NodeOptions> node, TimeProvider clock) : IHostedService, IAsyncDisposable
{
    private EncryptedTwinSpace? _space;
    private IDisposable? _lock;

    public ITwinSpaceStore Store => Opened.Store;

    public KeyRing Keys => Opened.Keys;

    public KeyRotation Rotation => Opened.Rotation;

    private EncryptedTwinSpace Opened => _space ?? throw new InvalidOperationException("The store was used before the node started.");

    /// <summary>The master key comes from MIRRORSPACE_MASTER_KEY_FILE, MIRRORSPACE_MASTER_KEY, or the data directory's key file.</summary>
    public static MasterKeySource KeySource(string dataDirectory) =>
        MasterKeySource.FromEnvironment(defaultFilePath: Path.Combine(dataDirectory, MasterKeyFile.DefaultFileName));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = node.Value;
        _lock = DataDirectory.TryLock(options.DataDirectory)
            ?? throw new InvalidOperationException($"{options.DataDirectory} is in use by another Mirrorspace process.");
        NodeTls.EnsureCreated(options.DataDirectory, clock);
        _space = await SqliteEncryption.OpenAsync(
            new SqliteStoreOptions { DatabasePath = options.DatabasePath }, KeySource(options.DataDirectory), clock, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_space is not null)
        {
            await _space.DisposeAsync();
        }

        _lock?.Dispose();
    }
}
