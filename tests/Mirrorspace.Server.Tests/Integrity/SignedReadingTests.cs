using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Server.Tests.Testing;
using Mirrorspace.Storage.Integrity;

namespace Mirrorspace.Server.Tests.Integrity;

/// <summary>
/// Authenticity and freshness over HTTPS: a device pinned to a signing key has each reading verified
/// before anything else, and every forgery, replay or stale message is refused, signalled and leaves
/// the twin untouched.
/// </summary>
public sealed class SignedReadingTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Report_SignedWithTheDevicesKey_IsApplied()
    {
        var (admin, device, key) = await Hs256DeviceAsync();
        using var client = DeviceClient(device);

        using var response = await PostSignedAsync(client, device, TestJws.Hs256(key, Payload(1, """{"vibration":3.25}""")));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(3.25, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["reported"]?["vibration"]?.GetValue<double>());
        admin.Dispose();
    }

    public static TheoryData<string, string> Forgeries => new()
    {
        { "another key", "other-key" },
        { "alg none", "none" },
        { "plain JSON from a signing device", "plain" },
        { "tampered payload", "tampered" },
        { "HS512 header", "hs512" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Report_Forged_IsRejectedAsBadSignatureAndChangesNothing(string why, string forgery)
    {
        var (admin, device, key) = await Hs256DeviceAsync();
        using var client = DeviceClient(device);
        var payload = Payload(1, """{"vibration":9.5}""");
        var body = forgery switch
        {
            "other-key" => TestJws.Hs256(RandomNumberGenerator.GetBytes(32), payload),
            "none" => TestJws.AlgNone(payload),
            "plain" => """{"vibration":9.5}""",
            "tampered" => Tamper(TestJws.Hs256(key, payload)),
            _ => TestJws.Hs256(key, payload, """{"alg":"HS512"}"""),
        };

        using var response = forgery == "plain" ? await client.PatchReportedAsync(device.TwinId, body) : await PostSignedAsync(client, device, body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True("bad-signature" == problem["signal"]?.GetValue<string>(), why);
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.Equal(1L, twin["version"]?.GetValue<long>());
        Assert.Equal("bad-signature", Assert.Single(await SignalsAsync(device)).Kind);
        admin.Dispose();
    }

    [Fact]
    public async Task Report_ReplayOfAnEarlierReading_IsRejectedButItsRetransmissionIsNotAppliedTwice()
    {
        var (admin, device, key) = await Hs256DeviceAsync();
        using var client = DeviceClient(device);
        var first = TestJws.Hs256(key, Payload(1, """{"vibration":1}"""));
        var second = TestJws.Hs256(key, Payload(2, """{"vibration":2}"""));
        (await PostSignedAsync(client, device, first)).Dispose();
        (await PostSignedAsync(client, device, second)).Dispose();

        using var replay = await PostSignedAsync(client, device, first);
        using var retransmission = await PostSignedAsync(client, device, second);
        using var sameNumberNewContent = await PostSignedAsync(client, device, TestJws.Hs256(key, Payload(2, """{"vibration":7}""")));

        Assert.Equal("replay", (await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.UnprocessableEntity))["signal"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, retransmission.StatusCode);
        Assert.Equal("replay", (await ProblemAssert.IsProblemAsync(sameNumberNewContent, HttpStatusCode.UnprocessableEntity))["signal"]?.GetValue<string>());
        var twin = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}");
        Assert.Equal(3L, twin["version"]?.GetValue<long>());
        Assert.Equal(2, twin["reported"]?["vibration"]?.GetValue<double>());
        Assert.Equal(2, (await SignalsAsync(device)).Count(s => s.Kind == "replay"));
        admin.Dispose();
    }

    [Fact]
    public async Task Report_SequenceWrapsPastUInt32Max_CarriesOn()
    {
        var (admin, device, key) = await Hs256DeviceAsync();
        using var client = DeviceClient(device);

        using var last = await PostSignedAsync(client, device, TestJws.Hs256(key, Payload(uint.MaxValue, """{"vibration":1}""")));
        using var wrapped = await PostSignedAsync(client, device, TestJws.Hs256(key, Payload(0, """{"vibration":2}""")));
        using var behind = await PostSignedAsync(client, device, TestJws.Hs256(key, Payload(uint.MaxValue - 5, """{"vibration":3}""")));

        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, wrapped.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, behind.StatusCode);
        admin.Dispose();
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(5)]
    public async Task Report_TimestampOutsideTheSkewWindow_IsRejectedOutOfWindow(int minutes)
    {
        var (admin, device, key) = await Hs256DeviceAsync();
        using var client = DeviceClient(device);
        var sentAt = factory.Clock.GetUtcNow().AddMinutes(minutes);

        using var response = await PostSignedAsync(client, device, TestJws.Hs256(key, TestJws.Payload(1, sentAt, """{"vibration":1}""")));
        using var withinWindow = await PostSignedAsync(client, device, TestJws.Hs256(key, TestJws.Payload(2, factory.Clock.GetUtcNow().AddSeconds(-90), """{"vibration":1}""")));

        Assert.Equal("out-of-window", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity))["signal"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, withinWindow.StatusCode);
        admin.Dispose();
    }

    [Fact]
    public async Task Report_Es256Device_AcceptsItsSignatureAndRefusesAnHmacKeyedWithItsPublicKey()
    {
        using var admin = await AdminAsync();
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicPem = deviceKey.ExportSubjectPublicKeyInfoPem();
        var twinId = await admin.CreatePumpTwinAsync();
        var (device, created) = await admin.RegisterSigningDeviceAsync(twinId, new JsonObject { ["algorithm"] = "ES256", ["publicKey"] = publicPem });
        Assert.Null(created["signingKey"]);
        using var client = DeviceClient(device);

        using var genuine = await PostSignedAsync(client, device, TestJws.Es256(deviceKey, Payload(1, """{"vibration":4}""")));

        // Algorithm confusion: the attacker knows the public key and tries it as an HMAC secret.
        using var confused = await PostSignedAsync(client, device, TestJws.Hs256(Encoding.ASCII.GetBytes(publicPem), Payload(2, """{"vibration":5}""")));

        Assert.Equal(HttpStatusCode.NoContent, genuine.StatusCode);
        Assert.Equal("bad-signature", (await ProblemAssert.IsProblemAsync(confused, HttpStatusCode.UnprocessableEntity))["signal"]?.GetValue<string>());
        Assert.Equal(4, (await admin.GetJsonAsync($"/api/v1/twins/{twinId}"))["reported"]?["vibration"]?.GetValue<double>());
    }

    [Fact]
    public async Task Report_RejectedReadings_LowerTheDevicesTrust()
    {
        var (admin, device, _) = await Hs256DeviceAsync();
        using var client = DeviceClient(device);

        for (uint i = 1; i <= 3; i++)
        {
            (await PostSignedAsync(client, device, TestJws.Hs256(RandomNumberGenerator.GetBytes(32), Payload(i, """{"vibration":1}""")))).Dispose();
        }

        var trust = (await admin.GetJsonAsync($"/api/v1/devices/{device.DeviceId}"))["trust"]!.GetValue<double>();
        Assert.InRange(trust, 0.3, 0.35);
        admin.Dispose();
    }

    [Fact]
    public async Task Register_InvalidSigningPolicy_IsRefusedWithItsPath()
    {
        using var admin = await AdminAsync();
        var twinId = await admin.CreatePumpTwinAsync();

        using var unknownAlgorithm = await admin.PostDeviceAsync(new JsonObject { ["twinId"] = twinId, ["signing"] = new JsonObject { ["algorithm"] = "none" } }.ToJsonString());
        using var missingKey = await admin.PostDeviceAsync(new JsonObject { ["twinId"] = twinId, ["signing"] = new JsonObject { ["algorithm"] = "ES256" } }.ToJsonString());
        using var badKey = await admin.PostDeviceAsync(new JsonObject { ["twinId"] = twinId, ["signing"] = new JsonObject { ["algorithm"] = "EdDSA", ["publicKey"] = "AAAA" } }.ToJsonString());

        Assert.Equal(["$.signing.algorithm"], await ProblemAssert.HasErrorsAsync(unknownAlgorithm));
        Assert.Equal(["signing"], await ProblemAssert.HasErrorsAsync(missingKey));
        Assert.Equal(["signing"], await ProblemAssert.HasErrorsAsync(badKey));
    }

    [Fact]
    public async Task SigningKey_IsStoredSealed()
    {
        var (admin, _, key) = await Hs256DeviceAsync();
        admin.Dispose();

        var database = await File.ReadAllBytesAsync(Path.Combine(factory.DataDirectory, "mirrorspace.db"), TestContext.Current.CancellationToken);
        var wal = Path.Combine(factory.DataDirectory, "mirrorspace.db-wal");
        var all = File.Exists(wal) ? [.. database, .. await File.ReadAllBytesAsync(wal, TestContext.Current.CancellationToken)] : database;
        foreach (var form in new[] { Convert.ToBase64String(key), Base64Url.EncodeToString(key) })
        {
            Assert.True(all.AsSpan().IndexOf(Encoding.ASCII.GetBytes(form)) < 0, $"the key appears in clear as {form}");
        }

        Assert.True(all.AsSpan().IndexOf(key) < 0, "the key appears in clear as raw bytes");
    }

    private string Payload(uint sequence, string reported) => TestJws.Payload(sequence, factory.Clock.GetUtcNow(), reported);

    private async Task<(HttpClient Admin, RegisteredDevice Device, byte[] Key)> Hs256DeviceAsync()
    {
        var admin = await AdminAsync();
        var (device, key) = await admin.NewHs256PumpDeviceAsync();
        Assert.Equal("HS256", (await admin.GetJsonAsync($"/api/v1/devices/{device.DeviceId}"))["signing"]!.GetValue<string>());
        return (admin, device, key);
    }

    private static Task<HttpResponseMessage> PostSignedAsync(HttpClient client, RegisteredDevice device, string jws)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/twins/{device.TwinId}/reported")
        {
            Content = new StringContent(jws, Encoding.ASCII, "application/jose"),
        };
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<IReadOnlyList<SignalRecord>> SignalsAsync(RegisteredDevice device)
    {
        var tenant = await factory.TenantAAsync();
        return await factory.Services.GetRequiredService<IIntegrityStore>().ListSignalsAsync(tenant.Id, device.TwinId, 0, 100, TestContext.Current.CancellationToken);
    }

    /// <summary>Changes one character of the payload part, keeping it valid base64url.</summary>
    private static string Tamper(string jws)
    {
        var parts = jws.Split('.');
        var payload = parts[1].ToCharArray();
        payload[10] = payload[10] == 'A' ? 'B' : 'A';
        return $"{parts[0]}.{new string(payload)}.{parts[2]}";
    }

    private HttpClient DeviceClient(RegisteredDevice device)
    {
        var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.Secret);
        return client;
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);
}
