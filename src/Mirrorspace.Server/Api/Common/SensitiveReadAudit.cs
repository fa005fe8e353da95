using Mirrorspace.Domain.Twins;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Api.Common;

/// <summary>Records every read that hands out personal or health values: which twin, which properties — never the values.</summary>
internal sealed class SensitiveReadAudit(AuditLog audit, ModelCatalog models, ITwinSpaceStore store)
{
    /// <summary>Audits a read of <paramref name="twin"/>'s state when it holds personal or health values.</summary>
    public async Task RecordTwinReadAsync(HttpContext http, TwinDto twin, CancellationToken cancellationToken)
    {
        var present = twin.Reported.Select(p => p.Key).Concat(twin.Desired.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        await RecordAsync(http, twin.Id, twin.Model, twin.ModelVersion, present, cancellationToken);
    }

    /// <summary>Audits a history read: of one property when <paramref name="property"/> is given, else of every property of the model the caller may read.</summary>
    public Task RecordHistoryReadAsync(
        HttpContext http, string twinId, string modelId, int modelVersion, string? property, Func<string, bool> readable, CancellationToken cancellationToken) =>
        RecordAsync(http, twinId, modelId, modelVersion, property is null ? null : [property], cancellationToken, readable);

    /// <summary>
    /// Audits a read of values a twin keeps apart from its state — held readings, and signal details,
    /// which quote the values they are about — of the named properties.
    /// </summary>
    public async Task RecordPropertiesReadAsync(HttpContext http, string twinId, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
    {
        if (properties.Count == 0)
        {
            return;
        }

        // Held readings and signals are only ever written for a twin that exists, and its record outlives it.
        var twin = await store.GetTwinAsync(CallerContext.From(http.User).TenantId, twinId, cancellationToken)
            ?? throw new InvalidOperationException($"Values of twin {twinId} were read, but the twin has no record to tell their model.");
        await RecordAsync(http, twinId, twin.ModelId, twin.ModelVersion, properties, cancellationToken);
    }

    /// <param name="properties">What the read can hand out; null for every property of the model.</param>
    /// <param name="readable">Which properties the caller may read; only those can be handed out.</param>
    private async Task RecordAsync(
        HttpContext http, string twinId, string modelId, int modelVersion, IEnumerable<string>? properties, CancellationToken cancellationToken, Func<string, bool>? readable = null)
    {
        var caller = CallerContext.From(http.User);
        var model = await models.GetAsync(caller.TenantId, modelId, modelVersion, cancellationToken);
        var sensitive = model is null
            ? []
            : (properties ?? model.Properties.Keys).Where(p => SensitivitySplit.IsSubjectData(model, p) && (readable?.Invoke(p) ?? true)).Order(StringComparer.Ordinal).ToList();
        if (sensitive.Count == 0)
        {
            return;
        }

        await audit.RecordAsync(
            new AuditRecord
            {
                TenantId = caller.TenantId,
                Principal = caller.Source,
                Action = AuditActions.SensitiveRead,
                Resource = $"twins/{twinId}",
                Outcome = AuditOutcome.Success,
                Properties = sensitive,
                Reason = AccessViews.Of(http)?.Purpose is { } purpose ? $"purpose {purpose}" : null,
                RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            },
            cancellationToken);
    }
}
