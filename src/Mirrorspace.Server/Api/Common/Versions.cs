using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mirrorspace.Server.Api.Common;

/// <summary>Twin versions as entity tags, for optimistic concurrency with If-Match.</summary>
internal static class Versions
{
    public static string ToETag(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>Reads If-Match: absent or <c>*</c> means no expectation.</summary>
    public static (long? Expected, ProblemHttpResult? Problem) ReadIfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return (null, null);
        }

        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        text = text.Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Problems.BadRequest("Invalid If-Match", "If-Match must be the twin's version as an entity tag, e.g. \"7\".", "If-Match"));
    }
}
