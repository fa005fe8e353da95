using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Runtime.Ingestion;

/// <summary>
/// The one entry for device data, whatever the connection (MQTT, HTTPS, SFTP batch): the place where
/// every reading gets its verdict before it reaches the twin. The answer comes only after the twin has
/// durably stored the change, so a caller may acknowledge its sender on success.
/// </summary>
public sealed class ReadingIngestion(IGrainFactory grains)
{
    /// <param name="expectedVersion">Optimistic concurrency for callers that read first (HTTP If-Match).</param>
    /// <param name="returnTwin">Whether to answer with the twin's snapshot; devices never need it.</param>
    public Task<TwinResponse> IngestAsync(Reading reading, long? expectedVersion = null, bool returnTwin = false)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var twin = grains.GetGrain<ITwinGrain>(TwinGrainKey.Format(reading.TenantId, reading.TwinId));
        return twin.PatchAsync(TwinSide.Reported, reading.PatchJson, expectedVersion, reading.Source, returnTwin);
    }
}
