using Microsoft.Extensions.Logging;
using System.Collections.Immutable;

namespace Mirrorspace.Runtime.Connections;

/// <summary>
/// Where twins announce committed desired-state changes and connections (the MQTT broker) listen.
/// In process: on one node the twin and the broker share it; a cluster would put a stream here.
/// </summary>
public sealed partial class DesiredStateFeed(ILogger<DesiredStateFeed> logger)
{
    private ImmutableArray<Func<DesiredStateChange, Task>> _listeners = [];

    public void Subscribe(Func<DesiredStateChange, Task> listener) =>
        ImmutableInterlocked.Update(ref _listeners, list => list.Add(listener));

    /// <summary>Never throws: the change is already stored, and a device that misses it gets it when it next subscribes.</summary>
    public async Task PublishAsync(DesiredStateChange change)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener(change).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogListenerFailed(logger, ex, change.TenantId, change.TwinId);
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Could not pass the desired state of twin {TenantId}/{TwinId} on")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string tenantId, string twinId);
}
