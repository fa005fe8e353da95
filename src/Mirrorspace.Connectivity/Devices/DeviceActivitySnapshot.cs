namespace Mirrorspace.Connectivity.Devices;

/// <summary>A device's counters at one instant; see <see cref="DeviceActivity"/>.</summary>
public sealed record DeviceActivitySnapshot(bool Connected, long Accepted, long Refused, long Throttled, long Dropped, DateTimeOffset? LastSeen)
{
    public static readonly DeviceActivitySnapshot None = new(false, 0, 0, 0, 0, null);
}
