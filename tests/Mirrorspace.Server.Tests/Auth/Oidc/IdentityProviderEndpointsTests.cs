using System.Net;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth.Oidc;

/// <summary>Configuring identity providers: the document is checked in full, the key URL may not point anywhere, and a provider round-trips.</summary>
public sealed class IdentityProviderEndpointsTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    private const string Valid = """
        {"issuer":"https://login.example.com/realms/plant","audience":"mirrorspace","jwksUri":"https://login.example.com/realms/plant/certs",
         "algorithms":["RS256"],"roleClaim":"groups","roles":[{"value":"plant-ops","role":"operator","clearance":"proprietary"}]}
        """;

    private static readonly string[] EveryErrorPath =
    [
        "$.algorithms[0]", "$.algorithms[1]", "$.algorithms[3]", "$.audience", "$.clockSkewSeconds", "$.colour", "$.id", "$.issuer",
        "$.jwksUri", "$.purposeClaim", "$.roleClaim", "$.roles[0].clearance", "$.roles[0].extra", "$.roles[0].role", "$.roles[1]", "$.roles[2].value",
    ];

    [Fact]
    public async Task Put_InvalidDocument_ListsEveryErrorWithItsPath()
    {
        using var admin = await AdminAsync();
        const string body = """
            {"issuer":"not a url","audience":"","jwksUri":"http://login.example.com/certs","algorithms":["none","HS256","RS256","RS256"],
             "clockSkewSeconds":301,"roleClaim":"group claim","purposeClaim":7,"colour":"blue",
             "roles":[{"value":"x","role":"root","clearance":"secret","extra":1},5,{"value":"x","role":"viewer","clearance":"public"}]}
            """;

        using var response = await admin.SendAsync("PUT", "/api/v1/identity-providers/Bad_Id", body);

        var paths = await ProblemAssert.HasErrorsAsync(response);
        Assert.Equal(EveryErrorPath, paths.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("https://login.example.com/certs")]
    [InlineData("http://127.0.0.1:8443/certs")]
    [InlineData("http://localhost:8443/certs")]
    [InlineData("http://[::1]:8443/certs")]
    public async Task Put_JwksUri_HttpsOrLoopbackHttp_IsAccepted(string jwksUri)
    {
        using var admin = await AdminAsync();

        using var response = await admin.SendAsync("PUT", $"/api/v1/identity-providers/{TestIds.Model("uri")}", WithJwksUri(jwksUri, Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("http://login.example.com/certs")]
    [InlineData("http://10.0.0.7/certs")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("https://user:secret@login.example.com/certs")]
    [InlineData("https://login.example.com/certs#keys")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://login.example.com/certs")]
    [InlineData("/certs")]
    public async Task Put_JwksUri_ElsewhereThanHttpsOrLoopback_IsRefused(string jwksUri)
    {
        using var admin = await AdminAsync();

        using var response = await admin.SendAsync("PUT", $"/api/v1/identity-providers/{TestIds.Model("uri")}", WithJwksUri(jwksUri, Guid.NewGuid().ToString("N")));

        Assert.Equal(["$.jwksUri"], await ProblemAssert.HasErrorsAsync(response));
    }

    [Fact]
    public async Task Provider_PutReplaceGetListDelete_RoundTrips()
    {
        using var admin = await AdminAsync();
        var id = TestIds.Model("idp");
        var audience = Guid.NewGuid().ToString("N");

        var created = await (await admin.SendAsync("PUT", $"/api/v1/identity-providers/{id}", WithJwksUri("https://login.example.com/certs", audience))).ReadJsonAsync(HttpStatusCode.Created);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var replaced = await (await admin.SendAsync("PUT", $"/api/v1/identity-providers/{id}", WithJwksUri("https://login.example.com/v2/certs", audience))).ReadJsonAsync(HttpStatusCode.OK);
        var read = await admin.GetJsonAsync($"/api/v1/identity-providers/{id}");
        var list = await admin.GetJsonAsync("/api/v1/identity-providers?limit=1000");
        using var deleted = await admin.DeletePathAsync($"/api/v1/identity-providers/{id}");
        using var gone = await admin.GetPathAsync($"/api/v1/identity-providers/{id}");

        Assert.Equal(60, created["clockSkewSeconds"]!.GetValue<int>());
        Assert.Equal(created["createdAt"]!.ToString(), replaced["createdAt"]!.ToString());
        Assert.NotEqual(created["updatedAt"]!.ToString(), replaced["updatedAt"]!.ToString());
        Assert.Equal(replaced.ToJsonString(), read.ToJsonString());
        Assert.Equal("https://login.example.com/v2/certs", read["jwksUri"]!.GetValue<string>());
        Assert.Equal("operator", read["roles"]![0]!["role"]!.GetValue<string>());
        Assert.Contains(list["items"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_ByAuditor_Is403_AndReadByAuditor_IsAllowed()
    {
        var tenant = await factory.TenantAAsync();
        using var auditor = factory.CreateClient(tenant.AuditorKey);

        using var put = await auditor.SendAsync("PUT", $"/api/v1/identity-providers/{TestIds.Model("idp")}", Valid);
        using var list = await auditor.GetPathAsync("/api/v1/identity-providers");

        await ProblemAssert.IsProblemAsync(put, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private async Task<HttpClient> AdminAsync() => factory.CreateClient((await factory.TenantAAsync()).AdminKey);

    private static string WithJwksUri(string jwksUri, string audience) => Valid
        .Replace("https://login.example.com/realms/plant/certs", jwksUri, StringComparison.Ordinal)
        .Replace("\"mirrorspace\"", $"\"{audience}\"", StringComparison.Ordinal);
}
