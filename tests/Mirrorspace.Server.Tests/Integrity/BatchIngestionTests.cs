using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Integrity;

/// <summary>
/// A batch of one twin's readings (as a batch file delivers them) is taken as if the readings came
/// one by one: each checked against the state the ones before it left, each its own event with its
/// own source, and nothing after the first refused one.
/// </summary>
public sealed class BatchIngestionTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private ReadingIngestion Ingestion => factory.Services.GetRequiredService<ReadingIngestion>();

    [Fact]
    public async Task Batch_AllValid_EachReadingIsItsOwnEventInOrder()
    {
        var tenant = (await factory.TenantAAsync()).Id;
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();

        var results = await Ingestion.IngestBatchAsync(Readings(tenant, twinId, """{"vibration":1.5}""", """{"vibration":2.5,"power":20}""", """{"vibration":3.5}"""), TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(TwinOutcome.Ok, r.Outcome));
        Assert.Equal([2L, 3L, 4L], results.Select(r => r.Version));
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{twinId}");
        Assert.Equal(3.5, twin["reported"]?["vibration"]?.GetValue<double>());
        Assert.Equal(20, twin["reported"]?["power"]?.GetValue<double>());
        Assert.Equal("sftp:test:batch.csv#3", twin["metadata"]?["reported"]?["vibration"]?["source"]?.GetValue<string>());
        Assert.Equal("sftp:test:batch.csv#2", twin["metadata"]?["reported"]?["power"]?["source"]?.GetValue<string>());
        var history = await admin.GetJsonAsync($"/api/v1/twins/{twinId}/history?property=vibration");
        Assert.Equal([1.5, 2.5, 3.5], history["points"]!.AsArray().Select(p => p!["value"]!.GetValue<double>()));
        Assert.Equal([2L, 3L, 4L], history["points"]!.AsArray().Select(p => p!["version"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Batch_RefusedReading_EndsTheBatchAndNothingAfterItIsApplied()
    {
        var tenant = (await factory.TenantAAsync()).Id;
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();

        var results = await Ingestion.IngestBatchAsync(
            Readings(tenant, twinId, """{"vibration":1.5}""", """{"speed":"fast"}""", """{"vibration":9.5}"""),
            TestContext.Current.CancellationToken);

        Assert.Equal([TwinOutcome.Ok, TwinOutcome.Invalid], results.Select(r => r.Outcome));
        Assert.Equal("$.speed", Assert.Single(results[1].Errors).Path);
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{twinId}");
        Assert.Equal(2L, twin["version"]?.GetValue<long>());
        Assert.Equal(1.5, twin["reported"]?["vibration"]?.GetValue<double>());
    }

    [Fact]
    public async Task Batch_LaterReadingIsCheckedAgainstTheEarlierOnes()
    {
        var tenant = (await factory.TenantAAsync()).Id;
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();

        // Both arrive at the same instant: the second changes the temperature in no time at all, faster than 2 °C/s.
        var results = await Ingestion.IngestBatchAsync(
            Readings(tenant, twinId, """{"temperature":40}""", """{"temperature":45,"vibration":2}"""),
            TestContext.Current.CancellationToken);

        Assert.Equal([TwinOutcome.Ok, TwinOutcome.Ok], results.Select(r => r.Outcome));
        Assert.Equal("accepted", results[0].Verdict);
        Assert.Equal("quarantined", results[1].Properties["temperature"]);
        Assert.Equal("rate-of-change", Assert.Single(results[1].Findings).Kind);
        Assert.NotNull(results[1].QuarantineId);
        var reported = (await admin.GetJsonAsync($"/api/v1/twins/{twinId}"))["reported"];
        Assert.Equal(40, reported?["temperature"]?.GetValue<double>());
        Assert.Equal(2, reported?["vibration"]?.GetValue<double>());
    }

    [Fact]
    public async Task Batch_UnknownTwin_OneNotFoundAndNothingStored()
    {
        var tenant = await factory.TenantAAsync();
        var twinId = TestIds.Twin("absent");

        var results = await Ingestion.IngestBatchAsync(Readings(tenant.Id, twinId, """{"vibration":1}""", """{"vibration":2}"""), TestContext.Current.CancellationToken);

        Assert.Equal(TwinOutcome.NotFound, Assert.Single(results).Outcome);
        using var admin = factory.CreateClient(tenant.AdminKey);
        using var response = await admin.GetPathAsync($"/api/v1/twins/{twinId}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Batch_MixingTwinsOrCarryingADevice_IsRefusedBeforeAnythingIsStored()
    {
        var tenant = (await factory.TenantAAsync()).Id;
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();
        var otherTwin = await admin.CreatePumpTwinAsync();
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<ArgumentException>(() => Ingestion.IngestBatchAsync(
            [new Reading(tenant, twinId, """{"vibration":1}""", "sftp:test:a#1", ReadingChannel.Sftp), new Reading(tenant, otherTwin, """{"vibration":2}""", "sftp:test:a#2", ReadingChannel.Sftp)],
            ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Ingestion.IngestBatchAsync(
            [new Reading(tenant, twinId, """{"vibration":1}""", "mqtt:dev-1", ReadingChannel.Mqtt, DeviceId: "dev-1")],
            ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ingestion.IngestBatchAsync(
            Readings(tenant, twinId, [.. Enumerable.Repeat("""{"vibration":1}""", ITwinGrain.MaxReadingsPerBatch + 1)]),
            ct));

        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{twinId}"))["version"]?.GetValue<long>());
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{otherTwin}"))["version"]?.GetValue<long>());
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);

    private static Reading[] Readings(string tenantId, string twinId, params string[] payloads) =>
        [.. payloads.Select((p, i) => new Reading(tenantId, twinId, p, $"sftp:test:batch.csv#{i + 1}", ReadingChannel.Sftp))];
}
