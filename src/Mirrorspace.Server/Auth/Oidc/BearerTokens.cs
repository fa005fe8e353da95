using Microsoft.Net.Http.Headers;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>
/// Tells a JWT from the node's own credentials in <c>Authorization: Bearer</c>: a JWS compact token is three
/// base64url parts joined by dots (the last may be empty, as in an unsigned <c>alg: none</c> token, which must
/// still reach the token scheme to be refused there); API keys (<c>msk_</c>) and device secrets (<c>msd_</c>) have no dots.
/// </summary>
internal static class BearerTokens
{
    private const string Prefix = "Bearer ";

    /// <summary>The presented JWT, or null when the request carries no bearer JWT (or also an <c>X-Api-Key</c>, which the API key scheme takes).</summary>
    public static string? ReadJwt(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.ContainsKey("X-Api-Key"))
        {
            return null;
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (!authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[Prefix.Length..].Trim();
        var parts = token.Split('.');
        return parts.Length == 3 && parts[0].Length > 0 && parts[1].Length > 0 && parts.All(IsBase64Url) ? token : null;
    }

    private static bool IsBase64Url(string part) => part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
