using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.History;

/// <summary>Tenant B reads none of tenant A's history, in any form.</summary>
public partial class HistoryEndpointsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("?limit=1")]
    [InlineData("?property=vibration")]
    [InlineData("?property=vibration&interval=PT1M")]
    [InlineData("?property=speed&side=desired")]
    public async Task Get_OtherTenantsTwin_Returns404(string query)
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).OperatorKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var id = await a.CreatePumpTwinAsync();
        await StepAsync(TimeSpan.FromSeconds(1), () => a.PatchReportedAsync(id, """{"vibration":1}"""));
        await StepAsync(TimeSpan.FromSeconds(1), () => a.PatchDesiredAsync(id, """{"speed":900}"""));

        using var response = await b.GetPathAsync($"/api/v1/twins/{id}/history{query}");
        using var own = await a.GetPathAsync($"/api/v1/twins/{id}/history{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
