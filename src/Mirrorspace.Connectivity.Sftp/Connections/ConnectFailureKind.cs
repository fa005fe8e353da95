namespace Mirrorspace.Connectivity.Sftp.Connections;

/// <summary>Why a connection was not established.</summary>
internal enum ConnectFailureKind
{
    HostKeyRefused,
    AuthenticationFailed,
    Unreachable,
}
