using Mirrorspace.Server.Hosting;
using Mirrorspace.Storage.Encryption;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Keys;

namespace Mirrorspace.Cli.Commands;

/// <summary>The store of a stopped node, opened by a maintenance command with the node's own master key.</summary>
internal sealed class OfflineTwinSpace : IAsyncDisposable
{
    private readonly IDisposable _lock;

    private OfflineTwinSpace(IDisposable nodeLock, EncryptedTwinSpace space)
    {
        _lock = nodeLock;
        Space = space;
    }

    public EncryptedTwinSpace Space { get; }

    /// <summary>Null (with the error printed) when the directory is not initialized or a node is running on it.</summary>
    public static async Task<(OfflineTwinSpace? Space, int ExitCode)> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(dataDirectory);
        if (!DataDirectory.IsInitialized(path))
        {
            return (null, ConsoleOutput.Error(ExitCodes.NotInitialized, $"{path} is not initialized."));
        }

        var nodeLock = DataDirectory.TryLock(path);
        if (nodeLock is null)
        {
            return (null, ConsoleOutput.Error(ExitCodes.NodeRunning, $"A node is running on {path}; stop it first."));
        }

        try
        {
            var options = new SqliteStoreOptions { DatabasePath = Path.Combine(path, DataDirectory.DatabaseFileName) };
            var space = await SqliteEncryption.OpenAsync(options, TwinSpaceHost.KeySource(path), TimeProvider.System, cancellationToken);
            return (new OfflineTwinSpace(nodeLock, space), ExitCodes.Success);
        }
        catch (Mirrorspace.Security.Crypto.MasterKeyException ex)
        {
            nodeLock.Dispose();
            return (null, ConsoleOutput.Error(ExitCodes.MasterKey, ex.Message));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Space.DisposeAsync();
        _lock.Dispose();
    }
}
