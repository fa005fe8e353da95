using Mirrorspace.Domain.Integrity;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Runtime.Ingestion;

internal static class SignalRecords
{
    /// <param name="verdict">What became of the reading that raised it; null for twin-level signals (flood, stale).</param>
    public static RecordSignal Create(string tenantId, string twinId, string? deviceId, SignalKind kind, Verdict? verdict, string detail, DateTimeOffset at) =>
        new(new SignalRecord
        {
            TenantId = tenantId,
            TwinId = twinId,
            At = at,
            Kind = kind.Name(),
            DeviceId = deviceId,
            Verdict = verdict?.Name() ?? "none",
            Detail = detail,
        });
}
