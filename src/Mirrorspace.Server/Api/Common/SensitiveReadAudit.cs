using Mirrorspace.Domain.Twins;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Auth;

namespace Mirrorspace.Server.Api.Common;

/// <summary>Records every read that hands out personal or health values: which twin, which properties — never the values.</summary>
internal sealed class SensitiveReadAudit(AuditLog audit, ModelCatalog models)
{
    /// <summary>Audits a read of <paramref name="twin"/>'s state when it holds personal or health values.</summary>
    public async Task RecordTwinReadAsync(HttpContext http, TwinDto twin, CancellationToken cancellationToken)
    {
        var present = twin.Reported.Select(p => p.Key).Concat(twin.Desired.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        await RecordAsync(http, twin.Id, twin.Model, twin.ModelVersion, present, cancellationToken);
    }

    /// <summary>Audits a history read: of one property when <paramref name="property"/> is given, else of every property of the model.</summary>
    public Task RecordHistoryReadAsync(HttpContext http, string twinId, string modelId, int modelVersion, string? property, CancellationToken cancellationToken) =>
        RecordAsync(http, twinId, modelId, modelVersion, property is null ? null : [property], cancellationToken);

    /// <param name="properties">What the read can hand out; null for every property of the model.</param>
    private async Task RecordAsync(HttpContext http, string twinId, string modelId, int modelVersion, IEnumerable<string>? properties, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(http.User);
        var model = await models.GetAsync(caller.TenantId, modelId, modelVersion, cancellationToken);
        var sensitive = model is null
            ? []
            : (properties ?? model.Properties.Keys).Where(p => SensitivitySplit.IsSubjectData(model, p)).Order(StringComparer.Ordinal).ToList();
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
                RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            },
            cancellationToken);
    }
}
