using Mirrorspace.Domain.Access;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Server.Api.Features.Twins;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Api.Features.Integrity;

/// <summary>
/// What integrity data the caller may see: held readings and signals belong to a twin, so the caller needs
/// the permission on that twin, and each value or signal quotes a property, which it must be able to read.
/// </summary>
internal sealed class IntegrityAccess(ITwinSpaceStore twins, ModelCatalog models)
{
    /// <summary>Which of the twin's properties the caller may read values of; null when it may not reach the twin at all.</summary>
    public async Task<Func<string, bool>?> ReadableAsync(HttpContext http, string twinId, Permission permission, CancellationToken cancellationToken)
    {
        var twin = await TwinAccess.FindAsync(twins, http, twinId, permission, cancellationToken);
        if (twin is null)
        {
            return null;
        }

        var view = AccessViews.Required(http);
        var model = await models.GetAsync(twin.TenantId, twin.ModelId, twin.ModelVersion, cancellationToken);
        var resource = new TwinResource(twin.TwinId, twin.ModelId);
        return property => view.CanRead(resource, model, property);
    }

    /// <summary>The entry as the caller may see it: values and reasons of properties it may not read are left out.</summary>
    public static QuarantineEntryDto Filter(QuarantineEntryDto entry, Func<string, bool> readable) => entry with
    {
        Values = entry.Values is null ? null : new(entry.Values.Where(v => readable(v.Key)).Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))),
        Reasons = [.. entry.Reasons.Where(r => readable(r.Property))],
    };
}
