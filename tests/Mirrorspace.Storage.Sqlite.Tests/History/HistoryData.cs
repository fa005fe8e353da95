using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>Builders and reads for the history tests. Times derive from a fixed instant, never the clock.</summary>
internal static class HistoryData
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";

    public static readonly DateTimeOffset BaseTime = new(2024, 3, 15, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Event <paramref name="version"/> happens <paramref name="version"/> minutes after <see cref="BaseTime"/>.</summary>
    public static TwinEvent Event(long version, string? payload = null) => new()
    {
        Version = version,
        Timestamp = BaseTime.AddMinutes(version),
        Kind = TwinEventKind.ReportedPatched,
        Payload = payload ?? $$"""{"temperature":{{20 + version}}}""",
        Source = "device:sensor-7",
    };

    public static AppendEvent Append(string tenantId, string twinId, long version, string? payload = null) =>
        new(tenantId, twinId, Event(version, payload));

    public static TwinWrite[] Appends(string tenantId, string twinId, long from, long to) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(v => (TwinWrite)Append(tenantId, twinId, v))];

    /// <summary>
    /// Commits the writes a few at a time, each commit shorter than a run that goes straight into
    /// chunks (<see cref="History.EventLogAppender.ChunkRun"/>), so every event lands in the event log
    /// as readings arriving one by one do.
    /// </summary>
    public static async Task LogAsync(ITwinSpaceStore store, params TwinWrite[] writes)
    {
        foreach (var commit in writes.Chunk(Sqlite.History.EventLogAppender.ChunkRun - 1))
        {
            await store.CommitAsync(commit, Ct);
        }
    }

    /// <summary>Opens the store and creates tenants A and B.</summary>
    public static async Task<SqliteTwinSpaceStore> OpenAsync(SqliteTwinSpaceStore store, bool createTenants = true)
    {
        await store.InitializeAsync(Ct);
        if (createTenants)
        {
            await store.CreateTenantAsync(new TenantRecord { Id = TenantA, Name = "A", CreatedAt = BaseTime }, Ct);
            await store.CreateTenantAsync(new TenantRecord { Id = TenantB, Name = "B", CreatedAt = BaseTime }, Ct);
        }

        return store;
    }

    public static async Task<List<TwinEvent>> ReadAsync(ITwinSpaceStore store, string tenantId, string twinId, EventRange? range = null)
    {
        var events = new List<TwinEvent>();
        await foreach (var twinEvent in store.ReadEventsAsync(tenantId, twinId, range ?? EventRange.All, Ct))
        {
            events.Add(twinEvent);
        }

        return events;
    }

    public static async Task<long[]> VersionsAsync(ITwinSpaceStore store, string tenantId, string twinId, EventRange? range = null) =>
        [.. (await ReadAsync(store, tenantId, twinId, range)).Select(e => e.Version)];

    public static async Task AssertVersionsAsync(long[] expected, ITwinSpaceStore store, string tenantId, string twinId, EventRange? range = null) =>
        Assert.Equal(expected, await VersionsAsync(store, tenantId, twinId, range));

    /// <summary>Where the events are: (rows in the log, rows in the indexed history).</summary>
    public static async Task<(long Log, long Indexed)> CountRowsAsync(TempDatabase database) => (
        (long)(await database.ScalarAsync("SELECT count(*) FROM twin_event_log;"))!,
        (long)(await database.ScalarAsync("SELECT coalesce(sum(event_count), 0) FROM twin_event_chunks;"))!);
}
