using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// Desired state set through the API reaches the twin's devices as <c>{"version":N,"desired":{...}}</c>,
/// and a device that (re)subscribes gets the latest at once.
/// </summary>
public sealed partial class MqttDeliveryTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task SubscribeDesired_AfterDesiredWasSet_ReceivesTheLatestAtOnce(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var version = await PatchDesiredAsync(admin, device.TwinId, """{"speed":1200}""");
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);

        await client.SubscribeGrantedAsync(device.Desired);

        var message = await client.NextMessageAsync("the current desired state after SUBACK");
        Assert.Equal(device.Desired, message.Topic);
        AssertDesired(version, """{"speed":1200}""", message);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task PatchDesired_WhileSubscribed_SendsTheWholeDesiredStateWithItsVersion(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await PatchDesiredAsync(admin, device.TwinId, """{"speed":900}""");
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);
        await client.SubscribeGrantedAsync(device.Desired);
        await client.NextMessageAsync("the current desired state after SUBACK");

        var version = await PatchDesiredAsync(admin, device.TwinId, """{"mode":"auto"}""");

        AssertDesired(version, """{"speed":900,"mode":"auto"}""", await client.NextMessageAsync("the changed desired state"));
    }

    [Fact]
    public async Task Resubscribe_AfterMissingChanges_ReceivesTheLatestAtOnce()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);
        await client.SubscribeGrantedAsync(device.Desired);
        await client.NextMessageAsync("the current desired state after SUBACK");
        await client.UnsubscribeAsync(device.Desired);
        await PatchDesiredAsync(admin, device.TwinId, """{"speed":100}""");
        var latest = await PatchDesiredAsync(admin, device.TwinId, """{"speed":200}""");

        await client.SubscribeGrantedAsync(device.Desired);

        AssertDesired(latest, """{"speed":200}""", await client.NextMessageAsync("the latest desired state after resubscribing"));
        Assert.Equal(0, client.Unread);
    }

    [Fact]
    public async Task Reconnect_AfterMissingChanges_ReceivesTheLatestOnSubscribe()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using (var first = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500))
        {
            await first.SubscribeGrantedAsync(device.Desired);
            await first.NextMessageAsync("the current desired state after SUBACK");
            await first.DisconnectAsync();
        }

        var latest = await PatchDesiredAsync(admin, device.TwinId, """{"mode":"manual"}""");
        await using var second = await MqttTestClient.ConnectDeviceAsync(factory, device, MqttProtocolVersion.V500);
        await second.SubscribeGrantedAsync(device.Desired);

        AssertDesired(latest, """{"mode":"manual"}""", await second.NextMessageAsync("the latest desired state after reconnecting"));
    }

    /// <summary>Sets desired state through the API and returns the twin's new version.</summary>
    private static async Task<long> PatchDesiredAsync(HttpClient client, string twinId, string patch)
    {
        using var response = await client.PatchDesiredAsync(twinId, patch);
        return (await response.ReadJsonAsync(HttpStatusCode.OK))["version"]!.GetValue<long>();
    }

    private static void AssertDesired(long version, string desired, ReceivedMessage message)
    {
        var expected = new JsonObject { ["version"] = version, ["desired"] = JsonNode.Parse(desired) };
        Assert.True(JsonNode.DeepEquals(expected, message.Json), $"Expected {expected.ToJsonString()} on the desired topic, got {message.Payload}");
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
