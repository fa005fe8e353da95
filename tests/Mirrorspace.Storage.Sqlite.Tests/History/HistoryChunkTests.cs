using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite.History;
using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests.History;

/// <summary>
/// The indexed history holds each twin's events in chunks of up to <see cref="HistoryChunk.Versions"/>
/// versions that never overlap; reads page and filter across chunk boundaries and the unindexed log.
/// </summary>
public sealed class HistoryChunkTests : HistoryStoreTests
{
    private const int Events = 300;

    [Fact]
    public async Task IndexHistoryAsync_ManyVersions_WritesOneChunkPerBucketOfVersions()
    {
        await LogAsync(Store, [.. Appends(TenantA, "pump-1", 1, Events), .. Appends(TenantA, "pump-2", 1, 5)]);

        await Store.IndexHistoryAsync(Ct);

        // Versions 1-127, 128-255 and 256-300 for pump-1; one chunk for pump-2.
        Assert.Equal(4L, await Database.ScalarAsync("SELECT count(*) FROM twin_event_chunks;"));
        Assert.Equal(0L, await Database.ScalarAsync($"SELECT count(*) FROM twin_event_chunks WHERE last_version / {HistoryChunk.Versions} <> first_version / {HistoryChunk.Versions};"));
        Assert.Equal((0L, Events + 5L), await CountRowsAsync(Database));
        Assert.Equal([.. Enumerable.Range(1, Events).Select(v => Event(v))], await ReadAsync(Store, TenantA, "pump-1"));
    }

    [Fact]
    public async Task ReadEventsAsync_PagesAcrossChunksAndTheLog_ReadEachVersionOnceInOrder()
    {
        await LogAsync(Store, Appends(TenantA, "pump-1", 1, 250));
        await Store.IndexHistoryAsync(Ct);
        await LogAsync(Store, Appends(TenantA, "pump-1", 251, Events));

        var read = new List<long>();
        for (var after = 0L; ; after = read[^1])
        {
            var page = await VersionsAsync(Store, TenantA, "pump-1", new EventRange { AfterVersion = after, Limit = 37 });
            if (page.Length == 0)
            {
                break;
            }

            read.AddRange(page);
        }

        Assert.Equal(Enumerable.Range(1, Events).Select(v => (long)v), read);
    }

    [Fact]
    public async Task ReadEventsAsync_TimeWindowAcrossChunksAndTheLog_ReadsOnlyTheWindow()
    {
        await LogAsync(Store, Appends(TenantA, "pump-1", 1, 250));
        await Store.IndexHistoryAsync(Ct);
        await LogAsync(Store, Appends(TenantA, "pump-1", 251, Events));

        await AssertVersionsAsync(
            [.. Enumerable.Range(120, 140).Select(v => (long)v)],
            Store,
            TenantA,
            "pump-1",
            new EventRange { From = Event(120).Timestamp, To = Event(259).Timestamp });
        await AssertVersionsAsync([130L, 131, 132], Store, TenantA, "pump-1", new EventRange { AfterVersion = 129, From = Event(120).Timestamp, Limit = 3 });
        await AssertVersionsAsync([], Store, TenantA, "pump-1", new EventRange { From = Event(Events).Timestamp.AddMinutes(1) });
    }

    [Fact]
    public async Task IndexHistoryAsync_VersionsFilledInAroundIndexedOnes_KeepsTheChunksApart()
    {
        await LogAsync(Store, [.. Appends(TenantA, "pump-1", 100, 140), Append(TenantA, "pump-1", 10)]);
        await Store.IndexHistoryAsync(Ct);
        await LogAsync(Store, [.. Appends(TenantA, "pump-1", 1, 9), .. Appends(TenantA, "pump-1", 11, 99), .. Appends(TenantA, "pump-1", 141, 200)]);

        await Store.IndexHistoryAsync(Ct);

        Assert.Equal(0L, await Database.ScalarAsync("""
            SELECT count(*)
            FROM twin_event_chunks AS a
            JOIN twin_event_chunks AS b
              ON a.tenant_id = b.tenant_id AND a.twin_id = b.twin_id AND a.chunk_id <> b.chunk_id
             AND a.first_version <= b.last_version AND b.first_version <= a.last_version;
            """));
        Assert.Equal([.. Enumerable.Range(1, 200).Select(v => Event(v))], await ReadAsync(Store, TenantA, "pump-1"));
        await AssertVersionsAsync([125L, 126, 127, 128, 129], Store, TenantA, "pump-1", new EventRange { AfterVersion = 124, Limit = 5 });
    }

    [Fact]
    public void Decode_WhatEncodeWrote_RoundTripsInVersionOrder()
    {
        var events = new[] { Event(3, """{"text":"a \"quoted\" <b>é</b>\n"}"""), Event(1), Event(2) };

        Assert.Equal([events[1], events[2], events[0]], HistoryChunk.Decode(HistoryChunk.Encode(events)));
    }
}
