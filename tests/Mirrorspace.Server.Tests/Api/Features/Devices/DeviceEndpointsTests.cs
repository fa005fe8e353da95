using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Server.Tests.Testing;
using Mirrorspace.Storage.Devices;

namespace Mirrorspace.Server.Tests.Api.Features.Devices;

/// <summary>
/// Registering a device for a twin: its id, a secret shown once (only its hash is kept) or a pinned
/// client certificate, and its topics. Only admins register and change devices; a device is its tenant's alone.
/// </summary>
public sealed partial class DeviceEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Create_ForTwin_Returns201WithIdTopicsAndASecretShownOnce()
    {
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();

        using var response = await admin.PostDeviceAsync($$"""{"twinId":"{{twinId}}"}""");

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var device = created["device"]!;
        var deviceId = device["deviceId"]!.GetValue<string>();
        var secret = created["secret"]!.GetValue<string>();
        Assert.Matches("^dev-[0-9a-f]{16}$", deviceId);
        Assert.StartsWith($"msd_{deviceId[4..]}_", secret, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/devices/{deviceId}", response.Headers.Location?.OriginalString);
        Assert.Equal("secret", device["credential"]?.GetValue<string>());
        Assert.True(device["enabled"]?.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""{"clientId":"{{deviceId}}","reported":"mirrorspace/v1/twins/{{twinId}}/reported","desired":"mirrorspace/v1/twins/{{twinId}}/desired","commands":"mirrorspace/v1/twins/{{twinId}}/commands"}"""),
            device["mqtt"]));
        var read = await admin.GetJsonAsync($"/api/v1/devices/{deviceId}");
        var listed = await admin.GetJsonAsync("/api/v1/devices?limit=1000");
        Assert.DoesNotContain(secret, read.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RandomPart(secret), read.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithSecret_StoresOnlyItsHash()
    {
        using var admin = await AdminAsync();
        var device = await admin.NewPumpDeviceAsync();
        var random = Encoding.UTF8.GetBytes(RandomPart(device.Secret!));

        var stored = await factory.Services.GetRequiredService<IDeviceStore>().FindAsync(device.DeviceId, TestContext.Current.CancellationToken);

        Assert.NotNull(stored?.SecretHash);
        Assert.Null(stored.CertificateThumbprint);
        Assert.False(stored.SecretHash.AsSpan().IndexOf(random) >= 0, "The stored hash must not contain the secret.");
        foreach (var file in Directory.EnumerateFiles(factory.DataDirectory, "*.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.False(bytes.AsSpan().IndexOf(random) >= 0, $"{Path.GetFileName(file)} must not contain the secret.");
        }
    }

    [Fact]
    public async Task Create_WithCertificate_PinsItsSha256ThumbprintAndHasNoSecret()
    {
        using var admin = await AdminAsync();
        using var certificate = DeviceCertificate.Create("pump 7");
        var twinId = await admin.CreatePumpTwinAsync();

        using var response = await admin.PostDeviceAsync(new JsonObject { ["twinId"] = twinId, ["certificatePem"] = certificate.Pem }.ToJsonString());

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Null(created["secret"]);
        Assert.Equal("certificate", created["device"]?["credential"]?.GetValue<string>());
        Assert.Equal(certificate.Sha256Thumbprint, created["device"]?["certificateThumbprint"]?.GetValue<string>());
    }

    [Fact]
    public async Task Create_CertificateAlreadyRegistered_Returns409()
    {
        using var admin = await AdminAsync();
        using var certificate = DeviceCertificate.Create("pump 8");
        await admin.RegisterDeviceAsync(await admin.CreatePumpTwinAsync(), certificate.Pem);

        using var response = await admin.PostDeviceAsync(new JsonObject { ["twinId"] = await admin.CreatePumpTwinAsync(), ["certificatePem"] = certificate.Pem }.ToJsonString());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{}""", "$.twinId")]
    [InlineData("""{"twinId":7}""", "$.twinId")]
    [InlineData("""{"twinId":"Not a twin id!"}""", "$.twinId")]
    [InlineData("""{"twinId":"{twin}","secret":"mine"}""", "$.secret")]
    [InlineData("""{"twinId":"{twin}","certificatePem":false}""", "$.certificatePem")]
    public async Task Create_InvalidBody_Returns400NamingTheField(string body, string path)
    {
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();

        using var response = await admin.PostDeviceAsync(body.Replace("{twin}", twinId, StringComparison.Ordinal));

        Assert.Contains(path, await ProblemAssert.HasErrorsAsync(response));
    }

    [Theory]
    [InlineData("""{"twinId":"no-such-twin"}""")]
    [InlineData("""{"twinId":"{twin}","certificatePem":"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"}""")]
    public async Task Create_UnknownTwinOrInvalidCertificate_Returns400(string body)
    {
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();

        using var response = await admin.PostDeviceAsync(body.Replace("{twin}", twinId, StringComparison.Ordinal));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_OtherTenantsTwin_Returns400AsIfAbsent()
    {
        using var admin = await AdminAsync();
        using var otherAdmin = factory.CreateClient((await factory.TenantBAsync()).AdminKey);
        var twinOfB = await otherAdmin.CreatePumpTwinAsync();

        using var response = await admin.PostDeviceAsync($$"""{"twinId":"{{twinOfB}}"}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    /// <summary>The random part of <c>msd_{id}_{random}</c> (which may itself contain underscores).</summary>
    private static string RandomPart(string secret) => secret[(secret.IndexOf('_', "msd_".Length) + 1)..];

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);

    /// <summary>Reads a database file (or its WAL) that the running node keeps open.</summary>
    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }
}
