namespace Mirrorspace.Storage.Sqlite;

/// <summary>Timestamps are stored as UTC ticks so they round-trip to the exact tick.</summary>
internal static class Ticks
{
    public static long From(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset ToTimestamp(long ticks) => new(ticks, TimeSpan.Zero);
}
