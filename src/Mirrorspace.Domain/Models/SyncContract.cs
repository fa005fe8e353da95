namespace Mirrorspace.Domain.Models;

/// <summary>How often the physical entity is expected to report, when its twin counts as stale, and the flood ceiling.</summary>
public sealed record SyncContract
{
    public static readonly SyncContract Default = new()
    {
        ExpectedInterval = TimeSpan.FromSeconds(60),
        StaleAfter = TimeSpan.FromMinutes(5),
        MaxMessagesPerSecond = 10,
    };

    public required TimeSpan ExpectedInterval { get; init; }

    public required TimeSpan StaleAfter { get; init; }

    public required double MaxMessagesPerSecond { get; init; }
}
