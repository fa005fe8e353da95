using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Auth;

namespace Mirrorspace.Server.Api.Features.Twins;

/// <summary>
/// Resolves the grain of a twin within the caller's own tenant. The tenant always comes from the
/// credential, never from the request, so another tenant's twin is simply not there (404).
/// </summary>
internal static class TwinAccess
{
    public static ITwinGrain? Grain(IGrainFactory grains, HttpContext http, string twinId) =>
        Identifiers.IsValidTwinId(twinId)
            ? grains.GetGrain<ITwinGrain>(TwinGrainKey.Format(CallerContext.From(http.User).TenantId, twinId))
            : null;
}
