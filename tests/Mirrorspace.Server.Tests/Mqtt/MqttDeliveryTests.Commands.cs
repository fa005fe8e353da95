using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>A command the model declares, sent through the API, reaches the twin's subscribed devices on its commands topic.</summary>
public sealed partial class MqttDeliveryTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Command_DeclaredByTheModel_ReachesTheSubscribedDevice(MqttProtocolVersion protocol)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        await using var client = await MqttTestClient.ConnectDeviceAsync(factory, device, protocol);
        await client.SubscribeGrantedAsync(device.Commands);

        using var response = await admin.SendCommandAsync(device.TwinId, "restart", """{"delaySeconds":5}""");

        var sent = await response.ReadJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, sent["queuedFor"]?.GetValue<int>());
        var message = await client.NextMessageAsync("the restart command");
        Assert.Equal(device.Commands, message.Topic);
        var expected = new JsonObject { ["commandId"] = sent["commandId"]!.GetValue<string>(), ["name"] = "restart", ["arguments"] = new JsonObject { ["delaySeconds"] = 5 } };
        Assert.True(JsonNode.DeepEquals(expected, message.Json), $"Expected {expected.ToJsonString()}, got {message.Payload}");
    }

    [Fact]
    public async Task Command_ToEveryDeviceOfTheTwin_ReachesEachOnce()
    {
        using var admin = await AdminAsync();
        var first = await admin.NewPumpDeviceAsync();
        var second = await admin.RegisterDeviceAsync(first.TwinId);
        await using var firstClient = await MqttTestClient.ConnectDeviceAsync(factory, first, MqttProtocolVersion.V500);
        await using var secondClient = await MqttTestClient.ConnectDeviceAsync(factory, second, MqttProtocolVersion.V311);
        await firstClient.SubscribeGrantedAsync(first.Commands);
        await secondClient.SubscribeGrantedAsync(second.Commands);

        var commandId = await admin.SendAcceptedCommandAsync(first.TwinId, "calibrate");

        Assert.Equal(commandId, (await firstClient.NextMessageAsync("the command on the first device")).Json["commandId"]?.GetValue<string>());
        Assert.Equal(commandId, (await secondClient.NextMessageAsync("the command on the second device")).Json["commandId"]?.GetValue<string>());
    }
}
