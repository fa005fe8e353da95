using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

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

    /// <summary>
    /// The twin's stored record within the caller's tenant, for reads of what it keeps apart from its
    /// state (signals): a deleted twin is found too, as its history is kept. Null when it is not there.
    /// </summary>
    public static async Task<TwinRecord?> FindAsync(ITwinSpaceStore store, HttpContext http, string twinId, CancellationToken cancellationToken) =>
        Identifiers.IsValidTwinId(twinId)
            ? await store.GetTwinAsync(CallerContext.From(http.User).TenantId, twinId, cancellationToken)
            : null;
}
