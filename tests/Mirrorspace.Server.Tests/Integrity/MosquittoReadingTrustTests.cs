using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Server.Tests.Testing;
using Mirrorspace.Storage.Integrity;

namespace Mirrorspace.Server.Tests.Integrity;

/// <summary>
/// The pipeline end to end with a third-party client: mosquitto_pub (MQTT 5, TLS) sends signed,
/// unsigned, forged and replayed readings. mosquitto_pub exits 0 on a refused QoS 1 publish and
/// warns with the reason code on stderr.
/// </summary>
public sealed class MosquittoReadingTrustTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private const string NotAuthorized = "failed: Not authorized.";

    [Fact]
    public async Task Pub_SignedReading_IsApplied()
    {
        using var admin = await AdminAsync();
        var (device, key) = await admin.NewHs256PumpDeviceAsync();

        var result = await PublishAsync(device, TestJws.Hs256(key, Payload(1, """{"vibration":2.5}""")));

        Assert.Equal((0, ""), (result.ExitCode, result.Error.Trim()));
        Assert.Equal(2.5, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["reported"]?["vibration"]?.GetValue<double>());
    }

    public static TheoryData<string> Refused => ["unsigned", "forged", "alg none"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Pub_UnsignedOrForged_IsNotAuthorizedSignalledAndAudited(string kind)
    {
        using var admin = await AdminAsync();
        var (device, _) = await admin.NewHs256PumpDeviceAsync();
        var payload = Payload(1, """{"vibration":8}""");
        var message = kind switch
        {
            "unsigned" => """{"vibration":8}""",
            "forged" => TestJws.Hs256(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), payload),
            _ => TestJws.AlgNone(payload),
        };

        var result = await PublishAsync(device, message);

        Assert.Contains(NotAuthorized, result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["version"]?.GetValue<long>());
        Assert.Equal(["bad-signature"], (await SignalsAsync(device)).Select(s => s.Kind));
        await admin.SingleRefusalAsync("mqtt.reading-refused", device.DeviceId);
    }

    [Fact]
    public async Task Pub_ReplayedReading_IsNotAuthorizedAndSignalled()
    {
        using var admin = await AdminAsync();
        var (device, key) = await admin.NewHs256PumpDeviceAsync();
        var first = TestJws.Hs256(key, Payload(10, """{"vibration":1}"""));
        Assert.Equal(0, (await PublishAsync(device, first)).ExitCode);
        Assert.Equal(0, (await PublishAsync(device, TestJws.Hs256(key, Payload(11, """{"vibration":2}""")))).ExitCode);

        var replay = await PublishAsync(device, first);

        Assert.Contains(NotAuthorized, replay.Error, StringComparison.Ordinal);
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.Equal(2, twin["reported"]?["vibration"]?.GetValue<double>());
        Assert.Equal(["replay"], (await SignalsAsync(device)).Select(s => s.Kind));
    }

    [Fact]
    public async Task Pub_ImplausibleValue_IsAcknowledgedHeldAndTheRestApplied()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        var result = await MosquittoClient.PublishAsync(factory, "mqttv5", DeviceLogin.Of(device), device.Reported, "-m", """{"speed":99999,"vibration":1.5}""");

        Assert.Equal((0, ""), (result.ExitCode, result.Error.Trim()));
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.Equal(1.5, twin["reported"]?["vibration"]?.GetValue<double>());
        Assert.Null(twin["reported"]?["speed"]);
        var tenant = await factory.TenantAAsync();
        var held = Assert.Single((await factory.Services.GetRequiredService<IIntegrityStore>()
            .ListQuarantineAsync(tenant.Id, device.TwinId, QuarantineState.Held, new Storage.Records.PageRequest(100), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(99999, JsonNode.Parse(held.Document)!["values"]!["speed"]!.GetValue<double>());
        Assert.Equal(["out-of-bounds"], (await SignalsAsync(device)).Select(s => s.Kind));
    }

    [Fact]
    public async Task SilentTwin_GoesStaleOnceAndItsValuesReadStale()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        Assert.Equal(0, (await MosquittoClient.PublishAsync(factory, "mqttv5", DeviceLogin.Of(device), device.Reported, "-m", """{"vibration":1}""")).ExitCode);
        var watch = factory.Services.GetRequiredService<SyncWatch>();

        await watch.CheckAsync(TestContext.Current.CancellationToken);
        var fresh = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await watch.CheckAsync(TestContext.Current.CancellationToken);
        await watch.CheckAsync(TestContext.Current.CancellationToken);
        var stale = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");

        Assert.Equal("good", fresh["metadata"]?["reported"]?["vibration"]?["quality"]?.GetValue<string>());
        Assert.Equal("stale", stale["metadata"]?["reported"]?["vibration"]?["quality"]?.GetValue<string>());
        Assert.Single(await SignalsAsync(device), s => s.Kind == "stale");
    }

    private Task<MosquittoResult> PublishAsync(RegisteredDevice device, string message) =>
        MosquittoClient.PublishAsync(factory, "mqttv5", DeviceLogin.Of(device), device.Reported, "-m", message);

    private string Payload(uint sequence, string reported) => TestJws.Payload(sequence, factory.Clock.GetUtcNow(), reported);

    private async Task<IReadOnlyList<SignalRecord>> SignalsAsync(RegisteredDevice device) =>
        await factory.Services.GetRequiredService<IIntegrityStore>()
            .ListSignalsAsync((await factory.TenantAAsync()).Id, device.TwinId, 0, 100, TestContext.Current.CancellationToken);

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
