using System.Net;
using System.Text.Json.Nodes;

namespace Mirrorspace.Connectivity.Sftp.Tests.Testing;

/// <summary>The connector and twin requests the tests make, spelled once.</summary>
public static class ConnectorApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A connector body for the server, logging in with its client key unless overridden.</summary>
    public static JsonObject Definition(OpenSshServer server, string format = "csv", string pattern = "*.csv") => new()
    {
        ["host"] = "127.0.0.1",
        ["port"] = server.Port,
        ["user"] = OpenSshServer.User,
        ["privateKey"] = server.ClientPrivateKey,
        ["hostKeyFingerprint"] = server.HostKeyFingerprint,
        ["remoteFolder"] = server.RemoteFolder,
        ["filePattern"] = pattern,
        ["format"] = format,
        ["interval"] = "PT1M",
        ["enabled"] = false,
    };

    public static async Task<HttpResponseMessage> PutAsync(this HttpClient client, string connectorId, JsonObject definition) =>
        await client.PutAsync(new Uri($"/api/v1/connectors/{connectorId}", UriKind.Relative), SftpNode.Json(definition.ToJsonString()), Ct);

    public static async Task PutConnectorAsync(this HttpClient client, string connectorId, JsonObject definition)
    {
        using var response = await client.PutAsync(connectorId, definition);
        await SftpNode.ReadJsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Runs the connector; the run must complete (answer 200) and its result is returned.</summary>
    public static async Task<JsonObject> RunConnectorAsync(this HttpClient client, string connectorId)
    {
        using var response = await client.PostAsync(new Uri($"/api/v1/connectors/{connectorId}/run", UriKind.Relative), content: null, Ct);
        return await SftpNode.ReadJsonAsync(response, HttpStatusCode.OK);
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return await SftpNode.ReadJsonAsync(response, HttpStatusCode.OK);
    }

    public static async Task CreatePumpAsync(this HttpClient client, string twinId)
    {
        using var response = await client.PutAsync(new Uri($"/api/v1/twins/{twinId}", UriKind.Relative), SftpNode.Json($$"""{"model":"{{SftpNode.PumpModel}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<JsonObject> ReportedAsync(this HttpClient client, string twinId) =>
        (JsonObject)(await client.GetJsonAsync($"/api/v1/twins/{twinId}"))["reported"]!;

    /// <summary>The values one reported property took, oldest first, with the source of each change.</summary>
    public static async Task<List<(double? Value, string Source)>> HistoryAsync(this HttpClient client, string twinId, string property)
    {
        var history = await client.GetJsonAsync($"/api/v1/twins/{twinId}/history?limit=1000");
        return [.. history["events"]!.AsArray()
            .Where(e => e!["kind"]!.GetValue<string>().Contains("reported", StringComparison.OrdinalIgnoreCase) && e["payload"]?[property] is not null)
            .Select(e => ((double?)e!["payload"]![property]!.GetValue<double>(), e["source"]!.GetValue<string>()))];
    }

    public static IEnumerable<string> Strings(this JsonNode? array, string member) =>
        array!.AsArray().Select(x => x![member]!.ToString());
}
