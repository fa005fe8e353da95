using Microsoft.Net.Http.Headers;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// The one authentication scheme endpoints name: it hands each request to the scheme that understands
/// the credential it presents, so every scheme ends in the same <see cref="AccessIdentity"/> and the same policies.
/// </summary>
internal static class CredentialSchemes
{
    public const string Default = "Mirrorspace";

    /// <summary>The scheme for this request's credential; API keys (and device secrets) unless another scheme claims it.</summary>
    public static string Select(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;

        // A browser session: the cookie and no credential header. A header always wins, so a key is
        // never judged (or refused for want of an anti-forgery token) as a session.
        if (!headers.ContainsKey(HeaderNames.Authorization) && !headers.ContainsKey("X-Api-Key")
            && context.Request.Cookies.ContainsKey(SessionCookie.Name))
        {
            return SessionAuthenticationHandler.SchemeName;
        }

        return Oidc.BearerTokens.ReadJwt(context.Request) is not null ? Oidc.OidcAuthenticationHandler.SchemeName : ApiKeyAuthenticationHandler.SchemeName;
    }
}
