namespace Mirrorspace.Connectivity.Sftp.Connections;

/// <summary>A connection that was not established; a run reports it rather than throwing.</summary>
internal sealed record ConnectFailure(ConnectFailureKind Kind, string Message);
