using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mirrorspace.Server.Api.Common;

/// <summary>Reads a request body as a JSON object (or an array of them), turning every malformed or oversized body into a problem before any state is touched.</summary>
internal static class JsonBody
{
    // Duplicate members are refused: which of two values wins is exactly the ambiguity an attacker uses.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public static async Task<(JsonObject? Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadNodeAsync(request, cancellationToken);
        return problem is not null ? (null, problem)
            : body is JsonObject json ? (json, null)
            : (null, Problems.BadRequest("Malformed body", "The body must be a JSON object."));
    }

    /// <summary>As <see cref="ReadObjectAsync"/>, for a body that must be a JSON array of objects.</summary>
    public static async Task<(List<JsonObject>? Items, ProblemHttpResult? Problem)> ReadObjectsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadNodeAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (body is not JsonArray array)
        {
            return (null, Problems.BadRequest("Malformed body", "The body must be a JSON array."));
        }

        var items = new List<JsonObject>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                return (null, Problems.BadRequest("Malformed body", "Each item must be a JSON object.", $"$[{i}]"));
            }

            items.Add(item);
        }

        return (items, null);
    }

    public static async Task<(string? Text, ProblemHttpResult? Problem)> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text)
                ? (null, Problems.BadRequest("Missing body", "The request needs a body."))
                : (text, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: ex.Message));
        }
    }

    private static async Task<(JsonNode? Body, ProblemHttpResult? Problem)> ReadNodeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (text, problem) = await ReadTextAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return (JsonNode.Parse(text!, documentOptions: ParseOptions), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest("Malformed body", $"The body is not valid JSON: {ex.Message}"));
        }
    }
}
