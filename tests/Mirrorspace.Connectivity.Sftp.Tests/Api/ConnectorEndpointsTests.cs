using System.Net;
using System.Text.Json.Nodes;
using Mirrorspace.Connectivity.Sftp.Tests.Testing;

namespace Mirrorspace.Connectivity.Sftp.Tests.Api;

/// <summary>/api/v1/connectors: secrets go in and never come out, and a tenant never sees another tenant's connectors.</summary>
public sealed class ConnectorEndpointsTests(SftpImportFixture fixture) : IClassFixture<SftpImportFixture>
{
    private const string Password = "correct-horse-battery-staple";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_NewConnector_Returns201AndNeverAnswersWithTheSecret()
    {
        var (_, admin) = await fixture.Node.CreateTenantAsync();

        using var created = await admin.PutAsync("drop", WithPassword());
        var createdText = await created.Content.ReadAsStringAsync(Ct);
        using var read = await admin.GetAsync(new Uri("/api/v1/connectors/drop", UriKind.Relative), Ct);
        var readText = await read.Content.ReadAsStringAsync(Ct);
        using var listed = await admin.GetAsync(new Uri("/api/v1/connectors", UriKind.Relative), Ct);
        var listText = await listed.Content.ReadAsStringAsync(Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (created.StatusCode, read.StatusCode, listed.StatusCode));
        Assert.All([createdText, readText, listText], text => Assert.DoesNotContain(Password, text, StringComparison.Ordinal));
        var dto = JsonNode.Parse(readText)!;
        Assert.Equal(("password", "csv", "PT1M", "move"), (dto["auth"]!.GetValue<string>(), dto["format"]!.GetValue<string>(), dto["interval"]!.GetValue<string>(), dto["processed"]!.GetValue<string>()));
        Assert.Null(dto["password"]);
        Assert.Equal(["drop"], JsonNode.Parse(listText)!["items"].Strings("id"));
    }

    [Fact]
    public async Task Put_ExistingWithoutCredentials_KeepsTheStoredOnes()
    {
        var (_, admin) = await fixture.Node.CreateTenantAsync();
        await admin.PutConnectorAsync("inbox", ConnectorApi.Definition(fixture.Server));
        var update = ConnectorApi.Definition(fixture.Server);
        update.Remove("privateKey");
        update["filePattern"] = "kept-credentials.csv";
        fixture.Server.PutFile("kept-credentials.csv", "twinId,property,value\n");

        using var response = await admin.PutAsync("inbox", update);
        var dto = await SftpNode.ReadJsonAsync(response, HttpStatusCode.OK);
        var run = await admin.RunConnectorAsync("inbox");

        Assert.Equal(("privateKey", "kept-credentials.csv"), (dto["auth"]!.GetValue<string>(), dto["filePattern"]!.GetValue<string>()));
        Assert.Equal("completed", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_InvalidDefinition_Returns400NamingEveryField()
    {
        var (_, admin) = await fixture.Node.CreateTenantAsync();
        var body = new JsonObject
        {
            ["host"] = "sftp://example.com",
            ["port"] = 70000,
            ["user"] = "drop box",
            ["hostKeyFingerprint"] = "MD5:aa:bb",
            ["remoteFolder"] = "/inbox/../etc",
            ["filePattern"] = "a/*.csv",
            ["format"] = "xml",
            ["interval"] = "PT1S",
            ["processed"] = "delete",
        };

        using var response = await admin.PutAsync("drop", body);
        var problem = await SftpNode.ReadJsonAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal(
            ["$.host", "$.port", "$.user", "$.password", "$.hostKeyFingerprint", "$.remoteFolder", "$.filePattern", "$.format", "$.interval", "$.processed"],
            problem["errors"].Strings("path"));
    }

    [Fact]
    public async Task Put_PrivateKeyThatIsNotAKey_Returns400WithoutEchoingIt()
    {
        var (_, admin) = await fixture.Node.CreateTenantAsync();
        var body = WithPassword();
        body.Remove("password");
        body["privateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-really-a-key-4711\n-----END OPENSSH PRIVATE KEY-----\n";

        using var response = await admin.PutAsync("drop", body);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.privateKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherTenant_CannotSeeRunOrDeleteAConnector()
    {
        var (_, owner) = await fixture.Node.CreateTenantAsync();
        var (_, other) = await fixture.Node.CreateTenantAsync();
        await owner.PutConnectorAsync("shared-name", WithPassword());

        using var get = await other.GetAsync(new Uri("/api/v1/connectors/shared-name", UriKind.Relative), Ct);
        using var run = await other.PostAsync(new Uri("/api/v1/connectors/shared-name/run", UriKind.Relative), null, Ct);
        using var delete = await other.DeleteAsync(new Uri("/api/v1/connectors/shared-name", UriKind.Relative), Ct);
        var otherList = await other.GetJsonAsync("/api/v1/connectors");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, run.StatusCode, delete.StatusCode));
        Assert.Empty(otherList["items"]!.AsArray());

        // The same id in the other tenant is that tenant's own connector, and the owner's stays as it was.
        var theirs = WithPassword();
        theirs["host"] = "other.example.com";
        await other.PutConnectorAsync("shared-name", theirs);
        Assert.Equal("127.0.0.1", (await owner.GetJsonAsync("/api/v1/connectors/shared-name"))["host"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_Connector_Returns204ThenItIsGone()
    {
        var (_, admin) = await fixture.Node.CreateTenantAsync();
        await admin.PutConnectorAsync("drop", WithPassword());

        using var deleted = await admin.DeleteAsync(new Uri("/api/v1/connectors/drop", UriKind.Relative), Ct);
        using var again = await admin.GetAsync(new Uri("/api/v1/connectors/drop", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, again.StatusCode));
    }

    [Fact]
    public async Task Run_UnknownConnector_Returns404()
    {
        var (_, admin) = await fixture.Node.CreateTenantAsync();

        using var response = await admin.PostAsync(new Uri("/api/v1/connectors/nothing-here/run", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private JsonObject WithPassword()
    {
        var body = ConnectorApi.Definition(fixture.Server);
        body.Remove("privateKey");
        body["password"] = Password;
        return body;
    }
}
