using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Twins;

/// <summary>Tenant B cannot change tenant A's state, even with A's current version in If-Match.</summary>
public partial class StateEndpointsTests
{
    [Theory]
    [InlineData("reported", """{"vibration":9}""", null)]
    [InlineData("desired", """{"speed":3000}""", null)]
    [InlineData("reported", """{"vibration":9}""", "\"1\"")]
    [InlineData("desired", """{"colour":"red"}""", null)]
    public async Task Patch_OtherTenantsTwin_Returns404AndChangesNothing(string side, string patch, string? ifMatch)
    {
        using var a = _factory.CreateClient((await _factory.TenantAAsync()).OperatorKey);
        using var b = _factory.CreateClient((await _factory.TenantBAsync()).AdminKey);
        var id = await a.CreatePumpTwinAsync();
        var before = await ReadTwinAsync(a, id);

        using var response = side == "reported" ? await b.PatchReportedAsync(id, patch, ifMatch) : await b.PatchDesiredAsync(id, patch, ifMatch);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.True(JsonNode.DeepEquals(before, await ReadTwinAsync(a, id)), "Tenant A's twin must be unchanged.");
    }
}
