using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Api.Features.Twins;

/// <summary>
/// Resolves the grain of a twin within the caller's own tenant, and only when the caller holds the
/// permission on it. The tenant always comes from the credential, never from the request, so another
/// tenant's twin is simply not there (404); a twin of the caller's tenant that its policy or scopes keep
/// from it answers the same 404, so a probe cannot tell it exists.
/// </summary>
internal static class TwinAccess
{
    /// <summary>The grain of a twin the caller holds <paramref name="permission"/> on; null when it may not (or the id is malformed).</summary>
    /// <param name="modelId">The twin's model when the request already names it (creation); otherwise read from the store when a policy selects by model.</param>
    public static async Task<ITwinGrain?> AuthorizeAsync(
        HttpContext http, IGrainFactory grains, ITwinSpaceStore store, string twinId, Permission permission, CancellationToken cancellationToken, string? modelId = null)
    {
        if (!Identifiers.IsValidTwinId(twinId))
        {
            return null;
        }

        // Devices carry no access view: the one endpoint they reach checks that the twin is their own.
        if (AccessViews.Of(http) is { } view
            && !view.Allows(permission, await ResourceAsync(http, store, twinId, cancellationToken, modelId)))
        {
            await RecordHiddenAsync(http, twinId, permission, cancellationToken);
            return null;
        }

        return grains.Twin(CallerContext.From(http.User).TenantId, twinId);
    }

    /// <summary>
    /// The twin as policies select it. Its model is read only when a policy or scope of the caller selects
    /// by model; a twin that is not there has no model, which no model selector matches.
    /// </summary>
    public static async Task<TwinResource> ResourceAsync(HttpContext http, ITwinSpaceStore store, string twinId, CancellationToken cancellationToken, string? modelId = null)
    {
        if (modelId is null && AccessViews.Of(http) is { SelectsByModel: true })
        {
            modelId = (await store.GetTwinAsync(CallerContext.From(http.User).TenantId, twinId, cancellationToken))?.ModelId;
        }

        return new TwinResource(twinId, modelId ?? string.Empty);
    }

    /// <summary>
    /// The twin's stored record within the caller's tenant, for reads of what it keeps apart from its
    /// state (signals): a deleted twin is found too, as its history is kept. Null when it is not there or
    /// the caller does not hold <paramref name="permission"/> on it.
    /// </summary>
    public static async Task<TwinRecord?> FindAsync(
        ITwinSpaceStore store, HttpContext http, string twinId, Permission permission, CancellationToken cancellationToken)
    {
        var twin = Identifiers.IsValidTwinId(twinId)
            ? await store.GetTwinAsync(CallerContext.From(http.User).TenantId, twinId, cancellationToken)
            : null;
        if (twin is null)
        {
            if (AccessViews.Of(http) is { } view && Identifiers.IsValidTwinId(twinId) && !view.Allows(permission, new TwinResource(twinId, string.Empty)))
            {
                await RecordHiddenAsync(http, twinId, permission, cancellationToken);
            }

            return null;
        }

        if (!Allows(http, permission, twin))
        {
            await RecordHiddenAsync(http, twinId, permission, cancellationToken);
            return null;
        }

        return twin;
    }

    /// <summary>
    /// A probe at a twin the caller may not reach is a security event. It is recorded whether or not the
    /// twin exists, so the answer's cost does not tell the two apart either.
    /// </summary>
    private static Task<long> RecordHiddenAsync(HttpContext http, string twinId, Permission permission, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(http.User);
        return http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(
            new AuditRecord
            {
                TenantId = caller.TenantId,
                Principal = caller.Source,
                Action = AuditActions.AuthHidden,
                Resource = $"twins/{twinId}",
                Outcome = AuditOutcome.Denied,
                Reason = $"no {Permissions.Name(permission)} by policy or key scope",
                RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            },
            cancellationToken);
    }

    /// <summary>Whether the caller holds the permission on a twin it already has the record of (lists).</summary>
    public static bool Allows(HttpContext http, Permission permission, TwinRecord twin) =>
        AccessViews.Of(http) is not { } view || view.Allows(permission, new TwinResource(twin.TwinId, twin.ModelId));
}
