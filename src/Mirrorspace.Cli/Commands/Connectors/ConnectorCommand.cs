using System.CommandLine;

namespace Mirrorspace.Cli.Commands.Connectors;

/// <summary>
/// <c>mirrorspace connector add|list|run</c>: a tenant's SFTP connectors on a running node, over its
/// API (the connectors belong to the tenant of the key in MIRRORSPACE_API_KEY, and a run needs the
/// node's twins).
/// </summary>
internal static class ConnectorCommand
{
    public static Command Create() => new("connector", "SFTP batch-import connectors of a running node (key in MIRRORSPACE_API_KEY).")
    {
        ConnectorAddCommand.Create(),
        ConnectorListCommand.Create(),
        ConnectorRunCommand.Create(),
    };
}
