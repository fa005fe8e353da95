using System.Collections.Concurrent;

namespace Mirrorspace.Connectivity.Devices;

/// <summary>
/// Live counters per device since the node started: what was accepted, refused, throttled, or dropped
/// on the way out. They make every message that did not become state visible, never silently gone.
/// </summary>
public sealed class DeviceActivity(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Counters> _devices = new(StringComparer.Ordinal);

    public void Accepted(string deviceId) => Interlocked.Increment(ref Touch(deviceId).AcceptedCount);

    public void Refused(string deviceId) => Interlocked.Increment(ref Touch(deviceId).RefusedCount);

    public void Throttled(string deviceId) => Interlocked.Increment(ref Touch(deviceId).ThrottledCount);

    public void Dropped(string deviceId) => Interlocked.Increment(ref Of(deviceId).DroppedCount);

    public void Connected(string deviceId, bool connected) => Touch(deviceId).IsConnected = connected;

    public DeviceActivitySnapshot Snapshot(string deviceId) =>
        _devices.TryGetValue(deviceId, out var c)
            ? new DeviceActivitySnapshot(
                c.IsConnected,
                Interlocked.Read(ref c.AcceptedCount),
                Interlocked.Read(ref c.RefusedCount),
                Interlocked.Read(ref c.ThrottledCount),
                Interlocked.Read(ref c.DroppedCount),
                c.LastSeenTicks == 0 ? null : new DateTimeOffset(Interlocked.Read(ref c.LastSeenTicks), TimeSpan.Zero))
            : DeviceActivitySnapshot.None;

    public void Forget(string deviceId) => _devices.TryRemove(deviceId, out _);

    private Counters Of(string deviceId) => _devices.GetOrAdd(deviceId, _ => new Counters());

    private Counters Touch(string deviceId)
    {
        var counters = Of(deviceId);
        Interlocked.Exchange(ref counters.LastSeenTicks, clock.GetUtcNow().UtcTicks);
        return counters;
    }

    private sealed class Counters
    {
        public long AcceptedCount;
        public long RefusedCount;
        public long ThrottledCount;
        public long DroppedCount;
        public long LastSeenTicks;
        public volatile bool IsConnected;
    }
}
