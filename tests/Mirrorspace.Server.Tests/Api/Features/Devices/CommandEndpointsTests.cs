using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Devices;

/// <summary>POST /twins/{id}/commands/{name}: only commands the twin's model declares, to the caller's own twins, by operators and up.</summary>
public sealed class CommandEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Send_DeclaredCommandWithNoDeviceConnected_Returns202QueuedForNone()
    {
        using var client = await OperatorAsync();
        var twinId = await client.CreatePumpTwinAsync();

        using var response = await client.SendCommandAsync(twinId, "calibrate", """{"sensor":"vibration"}""");

        var sent = await response.ReadJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("calibrate", sent["name"]?.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", sent["commandId"]!.GetValue<string>());
        Assert.Equal(0, sent["queuedFor"]?.GetValue<int>());
    }

    [Fact]
    public async Task Send_CommandTheModelDoesNotDeclare_Returns400()
    {
        using var client = await OperatorAsync();
        var twinId = await client.CreatePumpTwinAsync();

        using var response = await client.SendCommandAsync(twinId, "selfDestruct");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("selfDestruct", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("not json")]
    public async Task Send_ArgumentsNotAJsonObject_Returns400(string body)
    {
        using var client = await OperatorAsync();
        var twinId = await client.CreatePumpTwinAsync();

        using var response = await client.SendCommandAsync(twinId, "restart", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Send_UnknownOrOtherTenantsTwin_Returns404()
    {
        using var client = await OperatorAsync();
        using var other = factory.CreateClient((await factory.TenantBAsync()).OperatorKey);
        var twinOfB = await other.CreatePumpTwinAsync();

        using var unknown = await client.SendCommandAsync("no-such-pump", "restart");
        using var othersTwin = await client.SendCommandAsync(twinOfB, "restart");

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(othersTwin, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Send_AsViewer_Returns403()
    {
        var tenant = await factory.TenantAAsync();
        using var operatorClient = factory.CreateClient(tenant.OperatorKey);
        var twinId = await operatorClient.CreatePumpTwinAsync();
        using var viewer = factory.CreateClient(tenant.ViewerKey);

        using var response = await viewer.SendCommandAsync(twinId, "restart");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    private async Task<HttpClient> OperatorAsync() => factory.CreateClient((await factory.TenantAAsync()).OperatorKey);
}
