using System.Net.Sockets;
using Mirrorspace.Storage.Connectors;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Sftp;

namespace Mirrorspace.Connectivity.Sftp.Connections;

/// <summary>
/// One SFTP session of a connector (SSH.NET): connects only to the pinned host key, lists the
/// matching files of the remote folder, downloads one within a size limit, and moves a processed
/// file into <c>processed/</c> without ever overwriting one there.
/// </summary>
internal sealed class SftpConnection : IDisposable
{
    public const string ProcessedFolder = "processed";

    private readonly SftpClient _client;
    private readonly string _folder;
    private bool _processedFolderReady;

    private SftpConnection(SftpClient client, string folder) => (_client, _folder) = (client, folder);

    public static async Task<(SftpConnection? Connection, ConnectFailure? Failure)> ConnectAsync(
        ConnectorRecord connector, ConnectorCredentials credentials, SftpImportOptions options, CancellationToken cancellationToken)
    {
        using var key = credentials.PrivateKey is { } pem ? PrivateKeys.Read(pem, credentials.Passphrase) : null;
        AuthenticationMethod method = key is not null
            ? new PrivateKeyAuthenticationMethod(connector.User, key)
            : new PasswordAuthenticationMethod(connector.User, credentials.Password ?? string.Empty);
        using (method as IDisposable)
        {
            var info = new ConnectionInfo(connector.Host, connector.Port, connector.User, method) { Timeout = options.ConnectTimeout };
            var client = new SftpClient(info) { OperationTimeout = options.OperationTimeout };
            var pin = new HostKeyPin(connector.HostKeyFingerprint);
            client.HostKeyReceived += pin.OnHostKeyReceived;
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                return (new SftpConnection(client, connector.RemoteFolder.TrimEnd('/')), null);
            }
            catch (Exception ex) when (Classify(ex, pin) is { } failure)
            {
                client.Dispose();
                return (null, failure);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }

    /// <summary>Regular files whose name matches the glob, by name.</summary>
    public async Task<IReadOnlyList<RemoteFile>> ListAsync(string pattern, CancellationToken cancellationToken)
    {
        var files = new List<RemoteFile>();
        await foreach (var entry in _client.ListDirectoryAsync(FolderPath, cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsRegularFile && FileNamePattern.Matches(pattern, entry.Name))
            {
                files.Add(new RemoteFile(entry.Name, entry.FullName, entry.Length, new DateTimeOffset(entry.LastWriteTimeUtc, TimeSpan.Zero)));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return files;
    }

    public async Task<byte[]> DownloadAsync(RemoteFile file, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(checked((int)file.Size));
        await _client.DownloadFileAsync(file.FullPath, content, cancellationToken).ConfigureAwait(false);
        return content.ToArray();
    }

    /// <summary>
    /// Renames the file into <c>processed/</c>; when a file of that name is already there (an earlier
    /// upload under the same name), the content hash goes into the new name. Returns the new path, or
    /// null when both names are taken.
    /// </summary>
    public async Task<string?> MoveToProcessedAsync(RemoteFile file, string contentHash, CancellationToken cancellationToken)
    {
        var processed = $"{FolderPath}/{ProcessedFolder}";
        if (!_processedFolderReady)
        {
            if (!await _client.ExistsAsync(processed, cancellationToken).ConfigureAwait(false))
            {
                await _client.CreateDirectoryAsync(processed, cancellationToken).ConfigureAwait(false);
            }

            _processedFolderReady = true;
        }

        foreach (var target in new[] { $"{processed}/{file.Name}", $"{processed}/{file.Name}.{contentHash[..12]}" })
        {
            // SFTP's plain rename (not the posix-rename extension) refuses an existing target, so nothing is overwritten.
            if (!await _client.ExistsAsync(target, cancellationToken).ConfigureAwait(false))
            {
                await _client.RenameFileAsync(file.FullPath, target, cancellationToken).ConfigureAwait(false);
                return target;
            }
        }

        return null;
    }

    public void Dispose() => _client.Dispose();

    private string FolderPath => _folder.Length == 0 ? "/" : _folder;

    private static ConnectFailure? Classify(Exception ex, HostKeyPin pin) => ex switch
    {
        SshConnectionException when pin.Refused => new ConnectFailure(
            ConnectFailureKind.HostKeyRefused,
            $"The server's host key ({pin.OfferedAlgorithm} {pin.OfferedFingerprint}) is not the pinned one; the connection was refused before authentication."),
        SshAuthenticationException => new ConnectFailure(ConnectFailureKind.AuthenticationFailed, $"Authentication failed: {ex.Message}"),
        SshConnectionException or SshOperationTimeoutException or SocketException or ProxyException =>
            new ConnectFailure(ConnectFailureKind.Unreachable, $"Could not connect: {ex.Message}"),
        _ => null,
    };
}
