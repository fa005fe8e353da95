using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Devices;

/// <summary>Listing, reading, disabling, enabling, rotating and deleting devices, by role and by tenant.</summary>
public sealed partial class DeviceEndpointsTests
{
    [Fact]
    public async Task Rotate_Secret_ReturnsANewSecretAndCountsTheVersion()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        using var response = await admin.DeviceActionAsync(device.DeviceId, "rotate");

        var rotated = await response.ReadJsonAsync(HttpStatusCode.OK);
        var secret = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(device.Secret, secret);
        Assert.StartsWith($"msd_{device.DeviceId[4..]}_", secret, StringComparison.Ordinal);
        Assert.Equal(2, rotated["device"]?["credentialVersion"]?.GetValue<int>());
    }

    [Fact]
    public async Task Rotate_ToACertificateOfAnotherDevice_Returns409AndKeepsTheCredential()
    {
        using var admin = await AdminAsync();
        using var certificate = DeviceCertificate.Create("taken");
        await admin.RegisterDeviceAsync(await admin.CreatePumpTwinAsync(), certificate.Pem);
        var device = await admin.NewPumpDeviceAsync();

        using var response = await admin.DeviceActionAsync(device.DeviceId, "rotate", new JsonObject { ["certificatePem"] = certificate.Pem }.ToJsonString());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        var after = await admin.GetJsonAsync($"/api/v1/devices/{device.DeviceId}");
        Assert.Equal("secret", after["credential"]?.GetValue<string>());
        Assert.Equal(1, after["credentialVersion"]?.GetValue<int>());
    }

    [Fact]
    public async Task DisableEnable_Device_FlipsEnabled()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        await admin.DisableDeviceAsync(device.DeviceId);
        Assert.False((await admin.GetJsonAsync($"/api/v1/devices/{device.DeviceId}"))["enabled"]?.GetValue<bool>());
        await admin.EnableDeviceAsync(device.DeviceId);

        Assert.True((await admin.GetJsonAsync($"/api/v1/devices/{device.DeviceId}"))["enabled"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Delete_Device_Returns204ThenItIsGone()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();

        using var deleted = await admin.DeletePathAsync($"/api/v1/devices/{device.DeviceId}");
        using var read = await admin.GetPathAsync($"/api/v1/devices/{device.DeviceId}");
        using var again = await admin.DeletePathAsync($"/api/v1/devices/{device.DeviceId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_PagesThroughTheTenantsDevicesOnly()
    {
        var tenant = await factory.CreateTenantWithModelsAsync(SampleModels.AllFileNames());
        using var admin = factory.CreateClient(tenant.AdminKey);
        using var otherAdmin = await AdminAsync();
        await otherAdmin.NewPumpDeviceAsync();
        var twinId = await admin.CreatePumpTwinAsync();
        var registered = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            registered.Add((await admin.RegisterDeviceAsync(twinId)).DeviceId);
        }

        using var operatorClient = factory.CreateClient(tenant.OperatorKey);
        var first = await operatorClient.GetJsonAsync("/api/v1/devices?limit=2");
        var second = await operatorClient.GetJsonAsync($"/api/v1/devices?limit=2&after={first["next"]!.GetValue<string>()}");

        Assert.Null(second["next"]);
        Assert.Equal(
            registered.Order(StringComparer.Ordinal),
            first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(d => d!["deviceId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/disable")]
    [InlineData("POST", "/enable")]
    [InlineData("POST", "/rotate")]
    [InlineData("DELETE", "")]
    public async Task Device_OfAnotherTenant_Returns404AndIsUnchanged(string method, string suffix)
    {
        using var admin = await AdminAsync();
        using var otherAdmin = factory.CreateClient((await factory.TenantBAsync()).AdminKey);
        var device = await admin.NewPumpDeviceAsync();
        var before = await admin.GetJsonAsync($"/api/v1/devices/{device.DeviceId}");

        using var response = await otherAdmin.SendAsync(method, $"/api/v1/devices/{device.DeviceId}{suffix}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.True(JsonNode.DeepEquals(before, await admin.GetJsonAsync($"/api/v1/devices/{device.DeviceId}")));
    }

    [Theory]
    [InlineData("operator", "POST", "/api/v1/devices")]
    [InlineData("operator", "POST", "/api/v1/devices/{device}/disable")]
    [InlineData("operator", "POST", "/api/v1/devices/{device}/rotate")]
    [InlineData("operator", "DELETE", "/api/v1/devices/{device}")]
    [InlineData("viewer", "GET", "/api/v1/devices")]
    [InlineData("viewer", "GET", "/api/v1/devices/{device}")]
    public async Task Device_WithoutTheRole_Returns403(string role, string method, string path)
    {
        var tenant = await factory.TenantAAsync();
        using var admin = factory.CreateClient(tenant.AdminKey);
        var device = await admin.NewPumpDeviceAsync();
        using var client = factory.CreateClient(role == "operator" ? tenant.OperatorKey : tenant.ViewerKey);

        using var response = await client.SendAsync(method, path.Replace("{device}", device.DeviceId, StringComparison.Ordinal), method == "POST" ? $$"""{"twinId":"{{device.TwinId}}"}""" : null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.True((await admin.GetJsonAsync($"/api/v1/devices/{device.DeviceId}"))["enabled"]?.GetValue<bool>());
    }
}
