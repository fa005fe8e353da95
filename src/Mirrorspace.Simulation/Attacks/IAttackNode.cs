namespace Mirrorspace.Simulation.Attacks;

/// <summary>What the attack scenario reads back from the node, beyond the answers to its messages.</summary>
public interface IAttackNode
{
    /// <summary>When the twin last took a reported value, on the node's clock; null before its first.</summary>
    Task<DateTimeOffset?> LastReportedAsync(string twinId, CancellationToken cancellationToken);

    /// <summary>
    /// Every signal of the twin, oldest first, with the node's times; null when the node has no signals
    /// feed (<c>GET /api/v1/twins/{id}/signals</c>), in which case only the PUBACKs and the twin's own
    /// times can tell what it noticed.
    /// </summary>
    Task<IReadOnlyList<NodeSignal>?> SignalsAsync(string twinId, CancellationToken cancellationToken);
}
