using Microsoft.AspNetCore.Http.HttpResults;

namespace Mirrorspace.Server.Api.Common;

/// <summary>A device's reading as sent over HTTPS: a JSON merge patch, or a signed reading as <c>application/jose</c> (RFC 7515 §9.2.1).</summary>
internal static class ReadingBody
{
    public const string JoseMediaType = "application/jose";

    public static async Task<(string? Payload, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith(JoseMediaType, StringComparison.OrdinalIgnoreCase) == true)
        {
            var (text, problem) = await JsonBody.ReadTextAsync(request, cancellationToken);
            return (text?.Trim(), problem);
        }

        var (patch, bodyProblem) = await JsonBody.ReadObjectAsync(request, cancellationToken);
        return (patch?.ToJsonString(), bodyProblem);
    }
}
