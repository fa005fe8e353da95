using System.Net;
using System.Text.Json.Nodes;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>Held readings and the signals feed through the API, spelled once.</summary>
public static class QuarantineRequests
{
    /// <summary>A device's reading over HTTPS that must be answered 202 (a part held); returns the verdict.</summary>
    public static async Task<JsonObject> ReportHeldAsync(this MirrorspaceFactory factory, RegisteredDevice device, string patch)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(device);
        using var client = factory.CreateClient(device.Secret!);
        using var response = await client.PatchReportedAsync(device.TwinId, patch);
        return await response.ReadJsonAsync(HttpStatusCode.Accepted);
    }

    /// <summary>A new pump with a device whose reading <paramref name="patch"/> was partly held; returns the device and the entry's id.</summary>
    public static async Task<(RegisteredDevice Device, string QuarantineId)> NewHeldReadingAsync(this MirrorspaceFactory factory, HttpClient admin, string patch)
    {
        var device = await admin.NewPumpDeviceAsync();
        var verdict = await factory.ReportHeldAsync(device, patch);
        return (device, verdict["quarantineId"]!.GetValue<string>());
    }

    /// <summary>POST /api/v1/quarantine/{id}/{decision}: release or discard.</summary>
    public static Task<HttpResponseMessage> DecideAsync(this HttpClient client, string quarantineId, string decision) =>
        client.SendAsync("POST", $"/api/v1/quarantine/{quarantineId}/{decision}");

    /// <summary>An entry as GET /api/v1/quarantine/{id} shows it (must be 200).</summary>
    public static Task<JsonObject> QuarantineEntryAsync(this HttpClient client, string quarantineId) =>
        client.GetJsonAsync($"/api/v1/quarantine/{quarantineId}");

    /// <summary>The ids on one page of GET /api/v1/quarantine with the given query.</summary>
    public static async Task<IReadOnlyList<string>> QuarantineIdsAsync(this HttpClient client, string query = "")
    {
        var page = await client.GetJsonAsync($"/api/v1/quarantine{query}");
        return [.. page["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>())];
    }
}
