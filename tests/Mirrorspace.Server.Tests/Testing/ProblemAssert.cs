using System.Net;
using System.Text.Json.Nodes;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>Checks RFC 9457 problem responses: status, media type, and that nothing internal leaks.</summary>
public static class ProblemAssert
{
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        NoInternals(text);
        var problem = Assert.IsType<JsonObject>(JsonNode.Parse(text));
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), "A problem needs a title.");
        return problem;
    }

    /// <summary>A 400 problem with an <c>errors</c> extension; returns the JSON paths it lists, in order.</summary>
    public static async Task<IReadOnlyList<string>> HasErrorsAsync(HttpResponseMessage response)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = Assert.IsType<JsonArray>(problem["errors"]);
        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            Assert.False(string.IsNullOrWhiteSpace(error?["message"]?.GetValue<string>()), "Every error needs a message.");
        }

        return [.. errors.Select(e => e!["path"]!.GetValue<string>())];
    }

    /// <summary>No stack trace, exception type or source location in a response meant for callers.</summary>
    public static void NoInternals(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mirrorspace.", text, StringComparison.Ordinal);
    }
}
