using System.Net;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>
/// Where the node may fetch a provider's keys (and what an issuer may look like): https, or plain http
/// only to the loopback interface (a test or development issuer on the same machine). No user info, no
/// fragment. The fetch itself follows no redirects and is bounded in time and size (<see cref="JwksFetcher"/>).
/// </summary>
internal static class JwksUriRule
{
    public const string Description = "must be an absolute https URL (http only on loopback: localhost, 127.0.0.0/8, [::1]), without user info or fragment";

    public static bool IsAllowed(string? text, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0
            || !(parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && IsLoopback(parsed))))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.Host == "localhost" || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
