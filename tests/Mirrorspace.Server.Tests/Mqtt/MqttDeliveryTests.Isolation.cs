using System.Net;
using Mirrorspace.Server.Tests.Testing;
using MQTTnet.Formatter;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>
/// Tenants share one broker and one topic tree: two tenants may both have a twin <c>pump-1</c>. Desired
/// state, commands and readings of one tenant's pump-1 never reach or touch the other's.
/// </summary>
public sealed partial class MqttDeliveryTests
{
    private const string SharedTwinId = "pump-1";

    [Fact]
    public async Task SameTwinIdInTwoTenants_DesiredStateAndCommandsReachOnlyTheirOwnTenantsDevice()
    {
        var (adminA, deviceA) = await TenantWithPump1Async();
        var (adminB, deviceB) = await TenantWithPump1Async();
        using (adminA)
        using (adminB)
        {
            await using var clientA = await MqttTestClient.ConnectDeviceAsync(factory, deviceA, MqttProtocolVersion.V500);
            await using var clientB = await MqttTestClient.ConnectDeviceAsync(factory, deviceB, MqttProtocolVersion.V311);
            foreach (var (client, device) in new[] { (clientA, deviceA), (clientB, deviceB) })
            {
                await client.SubscribeGrantedAsync(device.Desired);
                await client.SubscribeGrantedAsync(device.Commands);
                await client.NextMessageAsync("the current desired state after SUBACK");
            }

            // Each device's next message is its own tenant's: anything of the other tenant would have been queued before it.
            var versionA = await PatchDesiredAsync(adminA, SharedTwinId, """{"speed":1000}""");
            AssertDesired(versionA, """{"speed":1000}""", await clientA.NextMessageAsync("tenant A's desired state"));
            var versionB = await PatchDesiredAsync(adminB, SharedTwinId, """{"speed":2000}""");
            AssertDesired(versionB, """{"speed":2000}""", await clientB.NextMessageAsync("tenant B's desired state, not A's"));

            var commandB = await adminB.SendAcceptedCommandAsync(SharedTwinId, "calibrate");
            Assert.Equal(commandB, (await clientB.NextMessageAsync("tenant B's command")).Json["commandId"]?.GetValue<string>());
            var commandA = await adminA.SendAcceptedCommandAsync(SharedTwinId, "restart");
            Assert.Equal(commandA, (await clientA.NextMessageAsync("tenant A's command, not B's desired state or command")).Json["commandId"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task SameTwinIdInTwoTenants_ReadingChangesOnlyTheDevicesOwnTenantsTwin()
    {
        var (adminA, deviceA) = await TenantWithPump1Async();
        var (adminB, _) = await TenantWithPump1Async();
        using (adminA)
        using (adminB)
        {
            var twinOfB = await adminB.GetJsonAsync($"/api/v1/twins/{SharedTwinId}");
            await using var clientA = await MqttTestClient.ConnectDeviceAsync(factory, deviceA, MqttProtocolVersion.V500);

            Assert.True((await clientA.PublishAsync(deviceA.Reported, """{"vibration":7}""")).IsSuccess);

            Assert.Equal(7, (await adminA.GetJsonAsync($"/api/v1/twins/{SharedTwinId}"))["reported"]?["vibration"]?.GetValue<double>());
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(twinOfB, await adminB.GetJsonAsync($"/api/v1/twins/{SharedTwinId}")), "Tenant B's pump-1 must be unchanged.");
        }
    }

    /// <summary>A new tenant with the sample models, a twin <c>pump-1</c> and a device for it.</summary>
    private async Task<(HttpClient Admin, RegisteredDevice Device)> TenantWithPump1Async()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(SampleModels.AllFileNames());
        var admin = factory.CreateClient(tenant.AdminKey);
        using (var created = await admin.PutTwinAsync(SharedTwinId, SampleModels.CentrifugalPump))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        return (admin, await admin.RegisterDeviceAsync(SharedTwinId));
    }
}
