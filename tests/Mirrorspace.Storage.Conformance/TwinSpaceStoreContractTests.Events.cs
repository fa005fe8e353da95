using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;
using static Mirrorspace.Storage.Conformance.ContractData;

namespace Mirrorspace.Storage.Conformance;

public abstract partial class TwinSpaceStoreContractTests
{
    [Fact]
    public async Task ReadEventsAsync_AppendedEvents_ReturnsThemExactlyInVersionOrder()
    {
        TwinEvent[] events =
        [
            Event(1, TwinEventKind.Created, """{"model":"pump","version":2}"""),
            Event(2, TwinEventKind.ReportedPatched, """{"note":"ünïcødé ✓ \"quoted\"","rpm":1450.5}"""),
            Event(3, TwinEventKind.DesiredPatched, """{"rpm":null}"""),
            Event(4, TwinEventKind.RelationshipAdded, """{"name":"feeds","target":"tank-1"}"""),
            Event(5, TwinEventKind.RelationshipRemoved, """{"name":"feeds","target":"tank-1"}""") with { Source = "api:key-7" },
            Event(6, TwinEventKind.Deleted, "{}"),
        ];
        await CommitAsync([.. events.Reverse().Select(e => Append(TenantA, "pump-1", e))]);

        var read = await ReadEventsAsync(TenantA, "pump-1");

        Assert.Equal(events, read);
    }

    [Fact]
    public async Task ReadEventsAsync_TimestampsWithOffsetsAndOddTicks_RoundTripToTheTick()
    {
        var eastern = new DateTimeOffset(2024, 3, 15, 5, 30, 0, TimeSpan.FromHours(-5)).AddTicks(7);
        var tokyo = new DateTimeOffset(2031, 12, 31, 23, 59, 59, TimeSpan.FromHours(9)).AddTicks(9_999_999);
        await CommitAsync(
            Append(TenantA, "pump-1", Event(1) with { Timestamp = eastern }),
            Append(TenantA, "pump-1", Event(2) with { Timestamp = tokyo }));

        var read = await ReadEventsAsync(TenantA, "pump-1");

        Assert.Equal([eastern.UtcTicks, tokyo.UtcTicks], read.Select(e => e.Timestamp.UtcTicks));
    }

    [Fact]
    public async Task ReadEventsAsync_AfterVersion_ReturnsOnlyLaterVersions()
    {
        await AppendEventsAsync(TenantA, "pump-1", count: 10);

        var read = await ReadEventsAsync(TenantA, "pump-1", new EventRange { AfterVersion = 7 });

        Assert.Equal([8L, 9L, 10L], read.Select(e => e.Version));
    }

    [Fact]
    public async Task ReadEventsAsync_From_IsInclusive()
    {
        await AppendEventsAsync(TenantA, "pump-1", count: 10);

        var read = await ReadEventsAsync(TenantA, "pump-1", new EventRange { From = Event(8).Timestamp });

        Assert.Equal([8L, 9L, 10L], read.Select(e => e.Version));
    }

    [Fact]
    public async Task ReadEventsAsync_To_IsInclusive()
    {
        await AppendEventsAsync(TenantA, "pump-1", count: 10);

        var read = await ReadEventsAsync(TenantA, "pump-1", new EventRange { To = Event(3).Timestamp });

        Assert.Equal([1L, 2L, 3L], read.Select(e => e.Version));
    }

    [Fact]
    public async Task ReadEventsAsync_FromAndToOneTickApart_ExcludesEventsOutside()
    {
        await AppendEventsAsync(TenantA, "pump-1", count: 10);

        var range = new EventRange { From = Event(4).Timestamp.AddTicks(1), To = Event(7).Timestamp.AddTicks(-1) };
        var read = await ReadEventsAsync(TenantA, "pump-1", range);

        Assert.Equal([5L, 6L], read.Select(e => e.Version));
    }

    [Fact]
    public async Task ReadEventsAsync_Limit_ReturnsFirstEventsOnly()
    {
        await AppendEventsAsync(TenantA, "pump-1", count: 10);

        var read = await ReadEventsAsync(TenantA, "pump-1", new EventRange { Limit = 3 });

        Assert.Equal([Event(1), Event(2), Event(3)], read);
    }

    [Fact]
    public async Task ReadEventsAsync_AllFiltersCombined_AppliesEveryOne()
    {
        await AppendEventsAsync(TenantA, "pump-1", count: 20);

        var range = new EventRange
        {
            AfterVersion = 5,
            From = Event(3).Timestamp,
            To = Event(15).Timestamp,
            Limit = 4,
        };
        var read = await ReadEventsAsync(TenantA, "pump-1", range);

        Assert.Equal([6L, 7L, 8L, 9L], read.Select(e => e.Version));
    }

    [Fact]
    public async Task ReadEventsAsync_EventsOfOtherTwins_AreNotReturned()
    {
        await AppendEventsAsync(TenantA, "pump-1", count: 3);
        await AppendEventsAsync(TenantA, "pump-10", count: 5);

        Assert.Equal([1L, 2L, 3L], (await ReadEventsAsync(TenantA, "pump-1")).Select(e => e.Version));
        Assert.Empty(await ReadEventsAsync(TenantA, "pump-2"));
    }

    [Fact]
    public async Task ReadEventsAsync_EventsFromSeveralCommits_ReturnsAllInOrder()
    {
        await CommitAsync(Append(TenantA, "pump-1", 1), Append(TenantA, "pump-1", 2));
        await CommitAsync(Append(TenantA, "pump-1", 4));
        await CommitAsync(Append(TenantA, "pump-1", 3));

        Assert.Equal([1L, 2L, 3L, 4L], (await ReadEventsAsync(TenantA, "pump-1")).Select(e => e.Version));
    }

    private Task AppendEventsAsync(string tenantId, string twinId, int count) =>
        CommitAsync([.. Enumerable.Range(1, count).Select(v => (TwinWrite)Append(tenantId, twinId, v))]);
}
