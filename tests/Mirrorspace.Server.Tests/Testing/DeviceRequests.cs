using System.Net;
using System.Text.Json.Nodes;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>The device and command requests of the API, spelled once.</summary>
public static class DeviceRequests
{
    /// <summary>POST /api/v1/devices with the raw body.</summary>
    public static Task<HttpResponseMessage> PostDeviceAsync(this HttpClient client, string body) =>
        client.SendAsync("POST", "/api/v1/devices", body);

    /// <summary>Registers a device for the twin (with a secret, or the given certificate) and returns it.</summary>
    public static async Task<RegisteredDevice> RegisterDeviceAsync(this HttpClient admin, string twinId, string? certificatePem = null)
    {
        var body = new JsonObject { ["twinId"] = twinId };
        if (certificatePem is not null)
        {
            body["certificatePem"] = certificatePem;
        }

        using var response = await admin.PostDeviceAsync(body.ToJsonString());
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        return new RegisteredDevice(created["device"]!["deviceId"]!.GetValue<string>(), twinId, created["secret"]?.GetValue<string>());
    }

    /// <summary>Registers a device whose readings must be signed; the answer carries the HS256 key, shown once.</summary>
    public static async Task<(RegisteredDevice Device, JsonObject Created)> RegisterSigningDeviceAsync(this HttpClient admin, string twinId, JsonObject signing)
    {
        using var response = await admin.PostDeviceAsync(new JsonObject { ["twinId"] = twinId, ["signing"] = signing }.ToJsonString());
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (new RegisteredDevice(created["device"]!["deviceId"]!.GetValue<string>(), twinId, created["secret"]!.GetValue<string>()), created);
    }

    /// <summary>A pump twin with an HS256-signing device, and the device's key.</summary>
    public static async Task<(RegisteredDevice Device, byte[] Key)> NewHs256PumpDeviceAsync(this HttpClient admin)
    {
        var (device, created) = await admin.RegisterSigningDeviceAsync(await admin.CreatePumpTwinAsync(), new JsonObject { ["algorithm"] = "HS256" });
        return (device, System.Buffers.Text.Base64Url.DecodeFromChars(created["signingKey"]!.GetValue<string>()));
    }

    /// <summary>A device of a new twin whose model allows <paramref name="ratePerSecond"/> messages per second (see <see cref="ThrottledModel"/>).</summary>
    public static async Task<RegisteredDevice> NewThrottledDeviceAsync(this HttpClient admin, double ratePerSecond)
    {
        var model = TestIds.Model("throttled");
        using (var published = await admin.PutModelAsync(model, ThrottledModel.Json(model, ratePerSecond)))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        var twinId = TestIds.Twin("sensor");
        using (var created = await admin.PutTwinAsync(twinId, model))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        return await admin.RegisterDeviceAsync(twinId);
    }

    /// <summary>Creates a pump twin with a fresh id and registers a device with a secret for it.</summary>
    public static async Task<RegisteredDevice> NewPumpDeviceAsync(this HttpClient admin) =>
        await admin.RegisterDeviceAsync(await admin.CreatePumpTwinAsync());

    /// <summary>POST /api/v1/devices/{id}/{action}: disable, enable or rotate.</summary>
    public static Task<HttpResponseMessage> DeviceActionAsync(this HttpClient admin, string deviceId, string action, string? body = null) =>
        admin.SendAsync("POST", $"/api/v1/devices/{deviceId}/{action}", body);

    public static async Task DisableDeviceAsync(this HttpClient admin, string deviceId)
    {
        using var response = await admin.DeviceActionAsync(deviceId, "disable");
        Assert.False((await response.ReadJsonAsync(HttpStatusCode.OK))["enabled"]!.GetValue<bool>());
    }

    public static async Task EnableDeviceAsync(this HttpClient admin, string deviceId)
    {
        using var response = await admin.DeviceActionAsync(deviceId, "enable");
        Assert.True((await response.ReadJsonAsync(HttpStatusCode.OK))["enabled"]!.GetValue<bool>());
    }

    /// <summary>Rotates the device's secret and returns the new one.</summary>
    public static async Task<string> RotateSecretAsync(this HttpClient admin, string deviceId)
    {
        using var response = await admin.DeviceActionAsync(deviceId, "rotate");
        return (await response.ReadJsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
    }

    /// <summary>The device's live counters (GET /api/v1/devices/{id} → activity).</summary>
    public static async Task<JsonObject> ActivityAsync(this HttpClient client, string deviceId) =>
        (await client.GetJsonAsync($"/api/v1/devices/{deviceId}"))["activity"]!.AsObject();

    public static async Task<long> CounterAsync(this HttpClient client, string deviceId, string counter) =>
        (await client.ActivityAsync(deviceId))[counter]!.GetValue<long>();

    /// <summary>POST /api/v1/twins/{twinId}/commands/{name} with the arguments as the body.</summary>
    public static Task<HttpResponseMessage> SendCommandAsync(this HttpClient client, string twinId, string name, string? arguments = null) =>
        client.SendAsync("POST", $"/api/v1/twins/{twinId}/commands/{name}", arguments);

    /// <summary>Sends a command that must be accepted and returns its id.</summary>
    public static async Task<string> SendAcceptedCommandAsync(this HttpClient client, string twinId, string name, string? arguments = null)
    {
        using var response = await client.SendCommandAsync(twinId, name, arguments);
        return (await response.ReadJsonAsync(HttpStatusCode.Accepted))["commandId"]!.GetValue<string>();
    }
}
