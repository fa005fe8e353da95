namespace Mirrorspace.Server.Auth;

/// <summary>
/// The browser session's cookie. The <c>__Host-</c> prefix makes browsers insist on Secure, Path=/ and
/// no Domain, so no sibling host can set or shadow it; HttpOnly keeps it from scripts; SameSite=Strict
/// keeps it off every cross-site request. It carries no expiry: it ends with the browser, and the
/// node ends the session itself (idle and absolute timeouts, sign-out, deletion, password change).
/// </summary>
internal static class SessionCookie
{
    public const string Name = "__Host-mirrorspace-session";

    public static CookieOptions Options() => new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };

    public static void Set(HttpResponse response, string token) => response.Cookies.Append(Name, token, Options());

    public static void Clear(HttpResponse response) => response.Cookies.Delete(Name, Options());
}
