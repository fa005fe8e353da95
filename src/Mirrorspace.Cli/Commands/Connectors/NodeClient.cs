using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands.Connectors;

/// <summary>
/// Talks to a running node's API for a tenant's connectors. The key comes from MIRRORSPACE_API_KEY,
/// never from the command line, where other users of the machine could read it in the process list.
/// </summary>
internal sealed class NodeClient : IDisposable
{
    public const string ApiKeyVariable = "MIRRORSPACE_API_KEY";

    private readonly HttpClient _http;

    private NodeClient(HttpClient http) => _http = http;

    /// <summary>Null (with the error printed) when no key is set or the URL is not an http(s) URL.</summary>
    public static (NodeClient? Client, int ExitCode) Create(string url)
    {
        var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            return (null, ConsoleOutput.Error(ExitCodes.InvalidInput, $"Set {ApiKeyVariable} to an admin API key of the tenant."));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            return (null, ConsoleOutput.Error(ExitCodes.InvalidInput, $"--url must be the node's http(s) address, not '{url}'."));
        }

        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        return (new NodeClient(http), ExitCodes.Success);
    }

    /// <summary>Sends the request; the JSON answer on success, or the exit code after printing the node's problem.</summary>
    public async Task<(JsonNode? Body, int ExitCode)> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return (null, ConsoleOutput.Error(ExitCodes.Failure, $"Cannot reach the node at {_http.BaseAddress}: {ex.Message}"));
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = text.Length == 0 ? null : JsonNode.Parse(text);
            if (response.IsSuccessStatusCode)
            {
                return (json, ExitCodes.Success);
            }

            var detail = json?["detail"]?.GetValue<string>() ?? json?["title"]?.GetValue<string>() ?? response.ReasonPhrase;
            return (null, ConsoleOutput.Error(ExitCodeOf(response.StatusCode), $"{(int)response.StatusCode}: {detail}"));
        }
    }

    public void Dispose() => _http.Dispose();

    private static int ExitCodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Refused,
        HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict => ExitCodes.InvalidInput,
        _ => ExitCodes.Failure,
    };
}
