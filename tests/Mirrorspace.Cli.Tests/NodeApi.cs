using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests;

/// <summary>Setting up a real node and talking to its HTTP API, as every end-to-end test does.</summary>
internal static class NodeApi
{
    /// <summary>Runs <c>init</c> (tenant City Water) and returns the admin key it printed.</summary>
    public static async Task<string> InitAsync(TempDirectory dir)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync("init", "--data", dir.Data, "--tenant", "City Water", "--json");
        Assert.True(exitCode == 0, error);
        return JsonNode.Parse(output.Single())!["apiKey"]!.GetValue<string>();
    }

    /// <summary>Waits for a started node's JSON line and returns a client for its address with the key.</summary>
    public static async Task<HttpClient> ConnectAsync(CliProcess node, string key) => Client(await node.ReadJsonLineAsync(), key);

    /// <summary>A client for the address in a started node's JSON line, with the key.</summary>
    public static HttpClient Client(JsonObject started, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(started["url"]!.GetValue<string>()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public static async Task<JsonObject> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> PostJsonAsync(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends a body and asserts success; PATCH bodies go as JSON merge patches.</summary>
    public static async Task SendAsync(HttpClient http, HttpMethod method, string path, string body, string? contentType = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? (method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json"));
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
