using Mirrorspace.Runtime.Models;
using Mirrorspace.Server.Auth;

namespace Mirrorspace.Server.Api.Common;

/// <summary>Every twin document the API hands out passes here, so a property the caller may not read is absent from every answer.</summary>
internal static class TwinVisibility
{
    public static async Task<TwinDto> ForCallerAsync(HttpContext http, TwinDto twin, ModelCatalog models, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(twin);
        if (AccessViews.Of(http) is not { } view)
        {
            return twin;
        }

        var model = await models.GetAsync(view.Identity.TenantId, twin.Model, twin.ModelVersion, cancellationToken);
        return view.Filter(twin, model);
    }
}
