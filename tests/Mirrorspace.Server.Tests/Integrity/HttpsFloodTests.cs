using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Server.Tests.Testing;
using Mirrorspace.Storage.Integrity;

namespace Mirrorspace.Server.Tests.Integrity;

/// <summary>
/// A device reporting over HTTPS is held to its twin's contract rate as an MQTT device is: the excess
/// is refused with 429, changes nothing, and a run of refusals raises one flood signal.
/// </summary>
public sealed class HttpsFloodTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    /// <summary>One message per 100 s: after the first reading teaches the rate, the burst holds one more.</summary>
    private const double SlowRate = 0.01;

    [Fact]
    public async Task Report_OverTheContractRate_Is429UnchangedAndSignalledOncePerRun()
    {
        using var admin = factory.CreateClient((await factory.TenantAAsync()).AdminKey);
        var device = await admin.NewThrottledDeviceAsync(SlowRate);
        using var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.Secret);

        var statuses = new List<HttpStatusCode>();
        for (var level = 1; level <= 5; level++)
        {
            using var response = await client.PatchReportedAsync(device.TwinId, $$"""{"level":{{level}}}""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode is HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("flood", (await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests))["signal"]?.GetValue<string>());
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}"))["reported"]?["level"]?.GetValue<double>());
        var signals = await factory.Services.GetRequiredService<IIntegrityStore>()
            .ListSignalsAsync((await factory.TenantAAsync()).Id, device.TwinId, 0, 100, TestContext.Current.CancellationToken);
        Assert.Equal(["flood"], signals.Select(s => s.Kind));
    }
}
