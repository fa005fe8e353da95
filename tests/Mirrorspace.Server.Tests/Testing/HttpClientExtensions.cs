using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>The API's requests, spelled once.</summary>
public static class HttpClientExtensions
{
    public const string MergePatch = "application/merge-patch+json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> PutModelAsync(this HttpClient client, string modelId, string document, string mediaType = "application/json") =>
        client.PutAsync(new Uri($"/api/v1/models/{modelId}", UriKind.Relative), Text(document, mediaType), Ct);

    public static Task<HttpResponseMessage> PutTwinAsync(this HttpClient client, string twinId, string model) =>
        client.PutAsync(new Uri($"/api/v1/twins/{twinId}", UriKind.Relative), Text($$"""{"model":"{{model}}"}""", "application/json"), Ct);

    public static Task<HttpResponseMessage> PatchReportedAsync(this HttpClient client, string twinId, string patch, string? ifMatch = null) =>
        client.PatchStateAsync(twinId, "reported", patch, ifMatch);

    public static Task<HttpResponseMessage> PatchDesiredAsync(this HttpClient client, string twinId, string patch, string? ifMatch = null) =>
        client.PatchStateAsync(twinId, "desired", patch, ifMatch);

    public static Task<HttpResponseMessage> PutRelationshipAsync(this HttpClient client, string twinId, string name, string targetId) =>
        client.PutAsync(new Uri($"/api/v1/twins/{twinId}/relationships/{name}/{targetId}", UriKind.Relative), content: null, Ct);

    /// <summary>A GET that declares a purpose of use (<c>X-Purpose</c>) when one is given.</summary>
    public static async Task<HttpResponseMessage> GetForPurposeAsync(this HttpClient client, string path, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose", purpose);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative), Ct);

    public static Task<HttpResponseMessage> DeletePathAsync(this HttpClient client, string path) =>
        client.DeleteAsync(new Uri(path, UriKind.Relative), Ct);

    /// <summary>GETs a path that must answer 200 and returns its JSON object.</summary>
    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetPathAsync(path);
        return await response.ReadJsonAsync(System.Net.HttpStatusCode.OK);
    }

    /// <summary>Asserts the status and reads the body as a JSON object.</summary>
    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return Assert.IsType<JsonObject>(JsonNode.Parse(text));
    }

    /// <summary>Sends any method to a path, with a JSON body when one is given.</summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, string method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : Text(body, "application/json"),
        };
        return await client.SendAsync(request, Ct);
    }

    public static StringContent Text(string body, string mediaType) => new(body, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    private static async Task<HttpResponseMessage> PatchStateAsync(this HttpClient client, string twinId, string side, string patch, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/api/v1/twins/{twinId}/{side}", UriKind.Relative))
        {
            Content = Text(patch, MergePatch),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Ct);
    }

    /// <summary>Creates a pump twin with a fresh id (the tenant must have the pump model) and returns the id.</summary>
    public static async Task<string> CreatePumpTwinAsync(this HttpClient client)
    {
        var id = TestIds.Twin("pump");
        using var response = await client.PutTwinAsync(id, SampleModels.CentrifugalPump);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return id;
    }
}
