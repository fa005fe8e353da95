namespace Mirrorspace.Server.Api.Common;

/// <summary>The node's clock as a request sees it (a fake one in tests).</summary>
internal static class RequestClock
{
    public static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
