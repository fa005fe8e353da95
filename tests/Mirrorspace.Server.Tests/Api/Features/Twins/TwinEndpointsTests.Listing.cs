using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

public partial class TwinEndpointsTests
{
    [Fact]
    public async Task List_WithLimit_PagesThroughTheTwinsInIdOrderWithCurrentState()
    {
        var tenant = await _factory.CreateTenantWithModelsAsync(["reservoir-level-sensor.yaml"]);
        using var client = _factory.CreateClient(tenant.OperatorKey);
        foreach (var id in new[] { "tank-c", "tank-a", "tank-b" })
        {
            using var put = await client.PutTwinAsync(id, SampleModels.ReservoirLevelSensor);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var patch = await client.PatchReportedAsync("tank-b", """{"level":4.5}""");

        var first = await client.GetJsonAsync("/api/v1/twins?limit=2");
        var second = await client.GetJsonAsync($"/api/v1/twins?limit=2&after={Uri.EscapeDataString(first["next"]!.GetValue<string>())}");

        Assert.Equal(["tank-a", "tank-b"], TwinIds(first));
        Assert.Equal(["tank-c"], TwinIds(second));
        Assert.Null(second["next"]);
        Assert.Equal(4.5, first["items"]?[1]?["reported"]?["level"]?.GetValue<double>());
    }

    [Fact]
    public async Task List_AfterDelete_LeavesTheDeletedTwinOut()
    {
        var tenant = await _factory.CreateTenantWithModelsAsync(["reservoir-level-sensor.yaml"]);
        using var client = _factory.CreateClient(tenant.OperatorKey);
        using var kept = await client.PutTwinAsync("kept", SampleModels.ReservoirLevelSensor);
        using var gone = await client.PutTwinAsync("gone", SampleModels.ReservoirLevelSensor);
        using var delete = await client.DeletePathAsync("/api/v1/twins/gone");

        var page = await client.GetJsonAsync("/api/v1/twins");

        Assert.Equal(["kept"], TwinIds(page));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task List_LimitOutOfRange_Returns400(int limit)
    {
        using var client = await OperatorAsync();

        using var response = await client.GetPathAsync($"/api/v1/twins?limit={limit}");

        Assert.Equal(["limit"], await ProblemAssert.HasErrorsAsync(response));
    }

    private static string[] TwinIds(JsonObject page) =>
        [.. Assert.IsType<JsonArray>(page["items"]).Select(t => t!["id"]!.GetValue<string>())];
}
