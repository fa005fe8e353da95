namespace Mirrorspace.Connectivity.Sftp.Connections;

/// <summary>A regular file in the connector's remote folder, as listed.</summary>
internal sealed record RemoteFile(string Name, string FullPath, long Size, DateTimeOffset ModifiedAt);
