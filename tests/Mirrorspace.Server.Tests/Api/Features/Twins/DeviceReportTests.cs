using System.Net;
using System.Net.Http.Headers;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>
/// A device reports over HTTPS with its secret as the bearer token: to its own twin only (another twin
/// answers 404, as if absent), never once disabled or rotated (401), and it may do nothing else (403).
/// </summary>
public sealed class DeviceReportTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Report_OwnTwin_Returns204AndStoresItAsTheDevices()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        using var client = DeviceClient(device.Secret!);

        using var response = await client.PatchReportedAsync(device.TwinId, """{"vibration":6.5}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.Equal(6.5, twin["reported"]?["vibration"]?.GetValue<double>());
        Assert.Equal($"https:{device.DeviceId}", twin["metadata"]?["reported"]?["vibration"]?["source"]?.GetValue<string>());
    }

    [Fact]
    public async Task Report_AnotherTwinOfTheTenant_Returns404AndChangesNothing()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var otherTwin = await admin.CreatePumpTwinAsync();
        using var client = DeviceClient(device.Secret!);

        using var response = await client.PatchReportedAsync(otherTwin, """{"vibration":6.5}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{otherTwin}"))["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task Report_InvalidReading_Returns400AndChangesNothing()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        using var client = DeviceClient(device.Secret!);

        using var response = await client.PatchReportedAsync(device.TwinId, """{"speed":"fast","colour":"red"}""");

        Assert.Equal(["$.colour", "$.speed"], (await ProblemAssert.HasErrorsAsync(response)).Order(StringComparer.Ordinal));
        Assert.Equal(1L, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["version"]?.GetValue<long>());
    }

    [Fact]
    public async Task Report_DisabledDevice_Returns401UntilEnabled()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        using var client = DeviceClient(device.Secret!);
        await admin.DisableDeviceAsync(device.DeviceId);

        using var refused = await client.PatchReportedAsync(device.TwinId, """{"vibration":1}""");
        await admin.EnableDeviceAsync(device.DeviceId);
        using var accepted = await client.PatchReportedAsync(device.TwinId, """{"vibration":1}""");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal("device disabled", (await admin.SingleRefusalAsync("auth.reject", device.DeviceId))["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Report_RotatedAwaySecret_Returns401AndTheNewOneWorks()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var newSecret = await admin.RotateSecretAsync(device.DeviceId);
        using var oldClient = DeviceClient(device.Secret!);
        using var newClient = DeviceClient(newSecret);

        using var refused = await oldClient.PatchReportedAsync(device.TwinId, """{"vibration":1}""");
        using var accepted = await newClient.PatchReportedAsync(device.TwinId, """{"vibration":1}""");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal("wrong secret", (await admin.SingleRefusalAsync("auth.reject", device.DeviceId))["reason"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/api/v1/twins/{twin}", null)]
    [InlineData("GET", "/api/v1/twins", null)]
    [InlineData("GET", "/api/v1/twins/{twin}/history", null)]
    [InlineData("PATCH", "/api/v1/twins/{twin}/desired", """{"speed":100}""")]
    [InlineData("POST", "/api/v1/twins/{twin}/readings", """[{"vibration":1}]""")]
    [InlineData("POST", "/api/v1/twins/{twin}/commands/restart", null)]
    [InlineData("GET", "/api/v1/devices/{device}", null)]
    [InlineData("POST", "/api/v1/devices", """{"twinId":"{twin}"}""")]
    [InlineData("GET", "/api/v1/models", null)]
    [InlineData("GET", "/api/v1/audit", null)]
    public async Task Device_AnythingButReporting_Returns403AndIsAudited(string method, string path, string? body)
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        using var client = DeviceClient(device.Secret!);
        string Fill(string text) => text.Replace("{twin}", device.TwinId, StringComparison.Ordinal).Replace("{device}", device.DeviceId, StringComparison.Ordinal);

        using var response = await client.SendAsync(method, Fill(path), body is null ? null : Fill(body));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        var entry = await admin.SingleRefusalAsync("auth.forbidden", device.DeviceId);
        Assert.Equal($"{method} {Fill(path)}", entry["resource"]?.GetValue<string>());
    }

    private HttpClient DeviceClient(string secret)
    {
        var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
