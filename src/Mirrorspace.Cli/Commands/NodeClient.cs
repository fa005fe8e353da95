using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands;

/// <summary>Talks to a running node's HTTP API with an API key, for the verbs that manage live things (devices).</summary>
internal sealed class NodeClient : IDisposable
{
    public const string UrlVariable = "MIRRORSPACE_URL";
    public const string ApiKeyVariable = "MIRRORSPACE_API_KEY";

    private readonly HttpClient _http;

    private NodeClient(Uri baseAddress, string apiKey)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public static Option<string?> UrlOption() =>
        new("--url") { Description = $"The node's API base URL (default: ${UrlVariable}, else http://127.0.0.1:8080)." };

    public static Option<string?> ApiKeyOption() =>
        new("--api-key") { Description = $"An API key of the tenant (default: ${ApiKeyVariable}); prefer the variable, so the key stays out of shell history." };

    /// <summary>Null (after one error line) when the URL or the key is missing or malformed.</summary>
    public static NodeClient? Create(string? url, string? apiKey)
    {
        url ??= Environment.GetEnvironmentVariable(UrlVariable) ?? "http://127.0.0.1:8080";
        apiKey ??= Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            ConsoleOutput.Error(ExitCodes.InvalidInput, $"'{url}' is not an http(s) URL");
            return null;
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            ConsoleOutput.Error(ExitCodes.InvalidInput, $"no API key: pass --api-key or set {ApiKeyVariable}");
            return null;
        }

        return new NodeClient(baseAddress, apiKey);
    }

    /// <summary>One request with a client of its own: the answer, or the exit code after one error line.</summary>
    public static async Task<(JsonNode? Body, int ExitCode)> SendOnceAsync(
        string? url, string? apiKey, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var client = Create(url, apiKey);
        return client is null ? (null, ExitCodes.InvalidInput) : await client.SendAsync(method, path, body, cancellationToken);
    }

    /// <summary>Sends a request; a non-success answer becomes one error line built from its problem details.</summary>
    /// <param name="quiet">Prints nothing on failure, for clean-up calls whose failure changes nothing.</param>
    public async Task<(JsonNode? Body, int ExitCode)> SendAsync(
        HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken, bool quiet = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return (null, quiet ? ExitCodes.Failure : ConsoleOutput.Error(ExitCodes.Failure, $"cannot reach the node at {_http.BaseAddress}: {ex.Message}"));
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = text.Length == 0 ? null : JsonNode.Parse(text);
            if (response.IsSuccessStatusCode)
            {
                return (json, ExitCodes.Success);
            }

            if (quiet)
            {
                return (null, ExitCodes.Refused);
            }

            var detail = json?["errors"] is JsonArray { Count: > 0 } errors
                ? string.Join("; ", errors.Select(e => $"{e?["path"]}: {e?["message"]}"))
                : json?["detail"]?.ToString() ?? response.ReasonPhrase;
            return (null, ConsoleOutput.Error(ExitCodes.Refused, $"{(int)response.StatusCode} {json?["title"] ?? response.ReasonPhrase}: {detail}"));
        }
    }

    public void Dispose() => _http.Dispose();
}
