using System.Collections.Concurrent;

namespace Mirrorspace.Connectivity.Sftp.Scheduling;

/// <summary>The connectors running now, node-wide: a run starts only when no other run of the same connector is in progress.</summary>
internal sealed class ConnectorRuns
{
    private readonly ConcurrentDictionary<(string TenantId, string ConnectorId), byte> _running = new();

    /// <summary>A lease to dispose when the run ends, or null when the connector is already running.</summary>
    public IDisposable? TryBegin(string tenantId, string connectorId)
    {
        var key = (tenantId, connectorId);
        return _running.TryAdd(key, 0) ? new Lease(_running, key) : null;
    }

    public bool IsRunning(string tenantId, string connectorId) => _running.ContainsKey((tenantId, connectorId));

    private sealed class Lease(ConcurrentDictionary<(string, string), byte> running, (string, string) key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                running.TryRemove(key, out _);
            }
        }
    }
}
