using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary>
/// Tenants and keys at the console of a stopped node: <c>tenant add</c>, <c>apikey add|list|revoke</c> and
/// <c>platform key</c>; then a node proves what they did (revoked and replaced keys get 401).
/// </summary>
public sealed class ApiKeyCommandTests
{
    [Fact]
    public async Task TenantAddAndApiKeys_ThenServe_KeysWorkAsIssuedAndRevokedOnesDoNot()
    {
        using var dir = new TempDirectory();
        var (_, init, _) = await CliProcess.RunAsync("init", "--data", dir.Data, "--json");
        var firstPlatformKey = JsonNode.Parse(init.Single())!["platformAdminKey"]!.GetValue<string>();

        var tenant = await RunJsonAsync("tenant", "add", "Harbour Works", "--data", dir.Data, "--json");
        var viewer = await RunJsonAsync("apikey", "add", "--data", dir.Data, "--tenant", "harbour-works", "--role", "viewer",
            "--expires", "30d", "--scope", "twin:crane-1", "--scope", "model:crane", "--description", "crane dashboard", "--json");
        var doomed = await RunJsonAsync("apikey", "add", "--data", dir.Data, "--tenant", "harbour-works", "--role", "operator", "--json");
        var doomedId = doomed["key"]!["keyId"]!.GetValue<string>();
        var revoked = await RunJsonAsync("apikey", "revoke", "--data", dir.Data, "--tenant", "harbour-works", doomedId, "--json");
        var (listExit, list, listError) = await CliProcess.RunAsync("apikey", "list", "--data", dir.Data, "--tenant", "harbour-works", "--json");
        var platformKey = (await RunJsonAsync("platform", "key", "--data", dir.Data, "--json"))["platformAdminKey"]!.GetValue<string>();

        Assert.Equal("harbour-works", tenant["tenant"]!.GetValue<string>());
        Assert.Equal(["model:crane", "twin:crane-1"], viewer["key"]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.NotNull(revoked["revokedAt"]);
        Assert.True(listExit == 0, listError);
        var listed = list.Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        Assert.Equal(3, listed.Count);
        var viewerText = viewer["apiKey"]!.GetValue<string>();
        Assert.DoesNotContain(viewerText[(viewerText.IndexOf('_', 4) + 1)..], string.Join('\n', list), StringComparison.Ordinal);
        var database = await File.ReadAllBytesAsync(Path.Combine(dir.Data, "mirrorspace.db"), TestContext.Current.CancellationToken);
        Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes("crane dashboard")) < 0, "A key's description is sealed at rest.");

        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        var started = await node.ReadJsonLineAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(started, tenant["apiKey"]!.GetValue<string>(), "/api/v1/apikeys"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(started, viewer["apiKey"]!.GetValue<string>(), "/api/v1/models"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(started, doomed["apiKey"]!.GetValue<string>(), "/api/v1/models"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(started, platformKey, "/api/v1/platform/tenants"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(started, firstPlatformKey, "/api/v1/platform/tenants"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(started, platformKey, "/api/v1/twins"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(started, tenant["apiKey"]!.GetValue<string>(), "/api/v1/platform/tenants"));
        await node.SignalAndWaitAsync("TERM");
        var (verifyExit, _, verifyError) = await CliProcess.RunAsync("audit", "verify", "--data", dir.Data);
        Assert.True(verifyExit == 0, verifyError);
    }

    [Theory]
    [InlineData("apikey", "add", "--tenant", "city-water", "--role", "root")]
    [InlineData("apikey", "add", "--tenant", "city-water", "--role", "viewer", "--expires", "400d")]
    [InlineData("apikey", "add", "--tenant", "city-water", "--role", "viewer", "--scope", "site:north")]
    [InlineData("apikey", "add", "--tenant", "city-water", "--role", "viewer", "--clearance", "secret")]
    [InlineData("apikey", "add", "--tenant", "city-water", "--role", "viewer", "--purpose", "Not A Purpose")]
    [InlineData("apikey", "add", "--tenant", "no-such-tenant", "--role", "viewer")]
    [InlineData("apikey", "list", "--tenant", "no-such-tenant")]
    [InlineData("apikey", "revoke", "--tenant", "city-water", "0123456789abcdef")]
    [InlineData("apikey", "revoke", "--tenant", "city-water", "not-a-key-id")]
    [InlineData("tenant", "add", "City Water")]
    [InlineData("tenant", "add", "Fine Name", "--id", "Not_Valid")]
    [InlineData("tenant", "add", "!!!")]
    public async Task BadInput_FailsWithOneLineOnStandardError(params string[] args)
    {
        using var dir = new TempDirectory();
        await NodeApi.InitAsync(dir);

        var (exitCode, output, error) = await CliProcess.RunAsync([.. args, "--data", dir.Data, "--json"]);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<JsonObject> RunJsonAsync(params string[] args)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(args);
        Assert.True(exitCode == 0, $"mirrorspace {string.Join(' ', args)}: {error}");
        return JsonNode.Parse(Assert.Single(output))!.AsObject();
    }

    private static async Task<HttpStatusCode> StatusAsync(JsonObject started, string key, string path)
    {
        using var http = NodeApi.Client(started, key);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
