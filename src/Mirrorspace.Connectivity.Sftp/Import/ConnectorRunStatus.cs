namespace Mirrorspace.Connectivity.Sftp.Import;

public enum ConnectorRunStatus
{
    /// <summary>Every listed file was looked at; single rows or files may still have been refused (see the counts).</summary>
    Completed,

    /// <summary>The server's host key is not the pinned one (or none is pinned): nothing was sent or read.</summary>
    HostKeyRefused,

    AuthenticationFailed,

    /// <summary>The server could not be reached, or the session broke off.</summary>
    ConnectionFailed,

    /// <summary>The server refused an operation (e.g. the remote folder does not exist, or the account may not read it).</summary>
    RemoteError,

    /// <summary>The connector's stored credentials could not be opened (e.g. their key version was retired).</summary>
    CredentialsUnreadable,
}
