using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// The broker with a third-party client, as an operator would try it: mosquitto_pub and mosquitto_sub
/// over TLS, trusting the node's ca.pem, in MQTT 5 and 3.1.1.
/// </summary>
public sealed partial class MosquittoClientTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Theory]
    [InlineData("mqttv5")]
    [InlineData("mqttv311")]
    public async Task Pub_OwnReportedTopic_IsStoredAndShownByTheApi(string version)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        var result = await MosquittoClient.PublishAsync(factory, version, DeviceLogin.Of(device), device.Reported, "-m", """{"vibration":3.5,"mode":"manual"}""");

        Assert.True(result.ExitCode == 0, $"mosquitto_pub exited {result.ExitCode}: {result.Error}");
        Assert.DoesNotContain("failed", result.Error, StringComparison.OrdinalIgnoreCase);
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"vibration":3.5,"mode":"manual"}"""), twin["reported"]), twin.ToJsonString());
        var events = (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}/history"))["events"]!.AsArray();
        Assert.Equal($"mqtt:{device.DeviceId}", events[^1]?["source"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("mqttv5")]
    [InlineData("mqttv311")]
    public async Task Sub_DesiredAndCommands_ReceivesTheCurrentStateThenEveryChangeAndCommand(string version)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var subscriber = MosquittoClient.Subscribe(factory, version, DeviceLogin.Of(device), device.Desired, device.Commands);

        Assert.Equal(device.Desired + """ {"version":1,"desired":{}}""", await subscriber.NextLineAsync("the current desired state after SUBACK"));
        using (var patched = await admin.PatchDesiredAsync(device.TwinId, """{"speed":1400}"""))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        Assert.Equal(device.Desired + """ {"version":2,"desired":{"speed":1400}}""", await subscriber.NextLineAsync("the changed desired state"));
        var commandId = await admin.SendAcceptedCommandAsync(device.TwinId, "restart");
        Assert.Equal(
            $$$"""{{{device.Commands}}} {"commandId":"{{{commandId}}}","name":"restart","arguments":{}}""",
            await subscriber.NextLineAsync("the restart command"));
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
